package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets, judged from the benchmark runs and the fault soak, as a table. */
final class TargetReport {
  private TargetReport() {}

  /** One target, measured, judged. */
  record Target(String name, String measured, boolean met, String why) {}

  static String targets(List<Target> targets) {
    StringBuilder b = new StringBuilder("| target | measured | met? | why / what limits it |\n");
    b.append("|---|---|---|---|\n");
    for (Target t : targets) {
      b.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.measured())
          .append(" | ")
          .append(t.met() ? "**met**" : "**not met**")
          .append(" | ")
          .append(t.why())
          .append(" |\n");
    }
    return b.toString();
  }

  static List<Target> judge(List<BenchResult> runs, SoakResult soak) {
    List<Target> t = new ArrayList<>();
    List<BenchResult> shared =
        runs.stream().filter(r -> r.scenario().strategy() == Strategy.SHARED_LIST).toList();
    // steady state
    StringBuilder m = new StringBuilder();
    boolean ok = true;
    for (BenchResult r : shared) {
      double intervals = r.steadyIntervals();
      double lists = r.steadyListsPerInterval() * intervals;
      ok &=
          Steady.onePerInterval(
              Math.round(lists),
              Math.round(r.steadyOtherCallsPerInterval() * intervals),
              intervals);
      m.append(
          String.format(
              Locale.ROOT,
              "N=%d: %.0f lists + %.0f other in %.2f intervals; ",
              r.scenario().n(),
              lists,
              r.steadyOtherCallsPerInterval() * intervals,
              intervals));
    }
    t.add(
        new Target(
            "steady state: 1 list call per poll interval, any N",
            m.toString(),
            ok,
            "the shared list is refreshed by one poller; resources that are Ready read the cache"));
    // convergence
    m = new StringBuilder();
    ok = true;
    for (BenchResult r : shared) {
      ok &= r.ratio() <= 1.05;
      m.append(
          String.format(
              Locale.ROOT,
              "N=%d@%d: %s; ",
              r.scenario().n(),
              r.scenario().operatorRate(),
              r.converged()
                  ? String.format(Locale.ROOT, "%.3f", r.ratio())
                  : "not converged, " + Report.readyAfter(r)));
    }
    t.add(new Target("convergence ≤ 1.05 × floor (N / R)", m.toString(), ok, ""));
    // 429
    long c429 = shared.stream().mapToLong(BenchResult::status429).sum();
    t.add(
        new Target(
            "0 × 429 with the default budget",
            c429 + " in all fault-free runs",
            c429 == 0,
            "the budget's sliding window sends at most R − 1 in any 61 s, checked on real send times"));
    // PATCH
    Duration p99 =
        shared.stream()
            .map(r -> PatchLatency.percentile(r.editLatencies(), 99))
            .filter(d -> d != null)
            .max(Duration::compareTo)
            .orElse(null);
    boolean editsAll = shared.stream().allMatch(r -> r.editsMissed() == 0);
    t.add(
        new Target(
            "spec edit → PATCH p99 < 0.5 s (budget free)",
            "worst p99 " + Report.seconds(p99) + " (journal time, includes Omni's 80 ms)",
            editsAll && p99 != null && p99.toMillis() < 500,
            ""));
    Duration r99 =
        shared.stream()
            .map(r -> PatchLatency.percentile(r.rotationLatencies(), 99))
            .filter(d -> d != null)
            .max(Duration::compareTo)
            .orElse(null);
    boolean rotAll = shared.stream().allMatch(r -> r.rotationsMissed() == 0);
    t.add(
        new Target(
            "Secret rotation → PATCH p99 < 5 s",
            "worst p99 " + Report.seconds(r99),
            rotAll && r99 != null && r99.toMillis() < 5000,
            ""));
    var big =
        shared.stream()
            .filter(r -> r.heapAfterGc() >= 0)
            .max((a, b) -> Integer.compare(a.scenario().n(), b.scenario().n()));
    t.add(
        new Target(
            "heap < 256 MiB at 10 000 resources",
            big.map(
                    r ->
                        "N="
                            + r.scenario().n()
                            + ": "
                            + Report.mib(r.heapAfterGc())
                            + " after GC, RSS "
                            + Report.mib(r.rss()))
                .orElse("—"),
            big.isPresent()
                && big.get().scenario().n() >= 10_000
                && big.get().heapAfterGc() < 256L * 1048576,
            ""));
    Duration first =
        shared.stream()
            .filter(r -> r.scenario().childJvm())
            .map(BenchResult::firstReconcile)
            .filter(d -> d != null)
            .max(Duration::compareTo)
            .orElse(null);
    t.add(
        new Target(
            "start → first reconcile < 3 s",
            "worst "
                + Report.seconds(first)
                + " (the operator's log: process start to first reconcile)",
            first != null && first.toMillis() < 3000,
            ""));
    int dup = shared.stream().mapToInt(r -> r.check().duplicateNames()).sum();
    int lost = shared.stream().mapToInt(r -> r.check().lostUpdates()).sum();
    if (soak != null) {
      dup += soak.check().duplicateNames();
      lost += soak.check().lostUpdates() + soak.check().staleCredentials();
    }
    t.add(new Target("0 duplicates", dup + " (benchmark runs and fault soak)", dup == 0, ""));
    t.add(new Target("0 lost updates", lost + " (benchmark runs and fault soak)", lost == 0, ""));
    return t;
  }
}
