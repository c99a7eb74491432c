package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders results as Markdown tables, and judges the issue's targets. */
final class Report {
  private Report() {}

  static String seconds(Duration d) {
    return d == null ? "—" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }

  static String mib(long bytes) {
    return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  static String runs(List<BenchResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| measure |");
    results.forEach(r -> b.append(' ').append(r.scenario().label()).append(" |"));
    b.append("\n|---|");
    results.forEach(r -> b.append("---|"));
    b.append('\n');
    row(b, results, "operator", r -> r.notes());
    row(b, results, "N resources (each with its own Secret)", r -> "" + r.scenario().n());
    row(
        b,
        results,
        "Omni limit / operator budget (req/min)",
        r -> r.scenario().simRate() + " / " + r.scenario().operatorRate());
    row(
        b,
        results,
        "poll interval / reconcile threads",
        r -> seconds(r.scenario().pollInterval()) + " / " + r.scenario().threads());
    row(b, results, "time until every resource is Ready", Report::convergence);
    row(b, results, "floor N / R", r -> seconds(r.scenario().floor()));
    row(
        b,
        results,
        "ratio to the floor",
        r -> Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.3f", r.ratio()));
    for (String route : BenchRun.ROUTES) {
      row(b, results, "Omni calls to converge: " + route, r -> "" + r.callsByRoute().get(route));
    }
    row(
        b,
        results,
        "Omni calls to converge: total",
        r -> r.totalCalls() + (r.converged() ? "" : " (so far, " + readyAfter(r) + ")"));
    row(b, results, "429 answers", r -> "" + r.status429());
    row(
        b,
        results,
        "steady state: list calls per poll interval",
        r -> String.format(Locale.ROOT, "%.2f", r.steadyListsPerInterval()) + stillConverging(r));
    row(
        b,
        results,
        "steady state: other calls per poll interval",
        r ->
            String.format(Locale.ROOT, "%.2f", r.steadyOtherCallsPerInterval())
                + stillConverging(r));
    row(
        b,
        results,
        "spec edit → PATCH p50 / p99 (budget free)",
        r ->
            !r.converged()
                ? NOT_TIMED
                : seconds(PatchLatency.percentile(r.editLatencies(), 50))
                    + " / "
                    + seconds(PatchLatency.percentile(r.editLatencies(), 99))
                    + missed(r.editLatencies().size(), r.editsMissed()));
    row(
        b,
        results,
        "Secret rotation → PATCH p50 / p99",
        r ->
            !r.converged()
                ? NOT_TIMED
                : seconds(PatchLatency.percentile(r.rotationLatencies(), 50))
                    + " / "
                    + seconds(PatchLatency.percentile(r.rotationLatencies(), 99))
                    + missed(r.rotationLatencies().size(), r.rotationsMissed()));
    row(b, results, "operator heap after full GC", r -> mib(r.heapAfterGc()));
    row(b, results, "operator process RSS", r -> mib(r.rss()));
    row(b, results, "process start → first reconcile", r -> seconds(r.firstReconcile()));
    row(b, results, "process start → first Omni call", r -> seconds(r.firstOmniCall()));
    row(
        b,
        results,
        "final check: Ready / duplicates / lost updates",
        r ->
            r.check().ready()
                + "/"
                + r.check().resources()
                + " / "
                + r.check().duplicateNames()
                + " / "
                + r.check().lostUpdates());
    row(b, results, "secret values in captured output", r -> "" + r.leaks());
    return b.toString();
  }

  private static final String NOT_TIMED = "— (not converged: not timed)";

  /** The convergence time, or how far a run got when it did not converge within its limit. */
  static String convergence(BenchResult r) {
    return r.converged() ? seconds(r.convergence()) : readyAfter(r) + " (did not converge)";
  }

  /** "65/100 Ready after 170 s". */
  static String readyAfter(BenchResult r) {
    return String.format(
        Locale.ROOT,
        "%d/%d Ready after %d s",
        r.ready(),
        r.scenario().n(),
        r.waited() == null ? 0 : r.waited().toSeconds());
  }

  private static String stillConverging(BenchResult r) {
    return r.converged() ? "" : " (still converging)";
  }

  private static String missed(int got, int missed) {
    return missed == 0 ? " (n=" + got + ")" : " (n=" + got + ", " + missed + " never sent)";
  }

  private static void row(
      StringBuilder b, List<BenchResult> results, String name, Function<BenchResult, String> cell) {
    b.append("| ").append(name).append(" |");
    results.forEach(r -> b.append(' ').append(cell.apply(r)).append(" |"));
    b.append('\n');
  }

  /** Naive against shared, for each pair of runs with the same N and budget. */
  static String ratios(List<BenchResult> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| N @ R | calls to converge: shared / naive | steady calls per interval: shared / naive"
            + " | naive ÷ shared (steady) |\n|---|---|---|---|\n");
    for (BenchResult s : results) {
      if (s.scenario().strategy() != Strategy.SHARED_LIST) {
        continue;
      }
      for (BenchResult n : results) {
        if (n.scenario().strategy() == Strategy.NAIVE
            && n.scenario().n() == s.scenario().n()
            && n.scenario().operatorRate() == s.scenario().operatorRate()) {
          double sharedSteady = s.steadyListsPerInterval() + s.steadyOtherCallsPerInterval();
          double naiveSteady = n.steadyListsPerInterval() + n.steadyOtherCallsPerInterval();
          b.append(
              String.format(
                  Locale.ROOT,
                  "| %d @ %d/min | %s / %s | %.2f / %.2f%s | %.0f× |%n",
                  s.scenario().n(),
                  s.scenario().operatorRate(),
                  callsToConverge(s),
                  callsToConverge(n),
                  sharedSteady,
                  naiveSteady,
                  s.converged() && n.converged()
                      ? ""
                      : " (not converged: measured on what was there)",
                  naiveSteady / Math.max(sharedSteady, 1e-9)));
        }
      }
    }
    return b.toString();
  }

  private static String callsToConverge(BenchResult r) {
    return r.converged()
        ? r.totalCalls() + " in " + seconds(r.convergence())
        : r.totalCalls() + " with only " + readyAfter(r);
  }

  static String soak(SoakResult r) {
    var s = r.scenario();
    var storm = r.storm();
    StringBuilder b = new StringBuilder();
    b.append("| soak measure | value |\n|---|---|\n");
    List<String> invalid = r.invalidity();
    b.append("| run validity (the storm reached the operator) | ")
        .append(invalid.isEmpty() ? "valid" : "**INVALID**: " + String.join("; ", invalid))
        .append(" |\n");
    b.append("| operator | ")
        .append(s.childJvm() ? "real operator, child JVM" : "real operator, in-process")
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| N / Omni limit / operator budget | %d / %d / %d per min |%n",
            s.n(),
            s.simRate(),
            s.operatorRate()));
    b.append(
        String.format(
            Locale.ROOT,
            "| faults | 10 %% dropped create responses, 10 %% 500/503, a 429 burst of 3 every 2 s,"
                + " latency 80 ms + 0–40 ms jitter + 3 %% spikes of 1.5 s; label writer every 15 ms"
                + " (409s on the operator's writes), baseRole edits every %d ms, Secret rotations"
                + " every %d ms (every other one on a Ready resource), resources deleted mid-create"
                + " |%n",
            Soak.editEvery(s).toMillis(),
            Soak.rotateEvery(s).toMillis()));
    b.append(
        String.format(
            Locale.ROOT,
            "| operator start → first Omni call (the storm starts there) | %s |%n",
            seconds(storm.firstCall())));
    b.append(
        String.format(
            Locale.ROOT,
            "| storm (at least %s, and until the last instance has stored its share) /"
                + " restarts (kill -9 and clean stop alternately) | %s / %d |%n",
            seconds(s.chaos()),
            seconds(storm.duration()),
            r.restarts()));
    b.append("| connections stored by each operator instance during the storm | ")
        .append(storm.createsPerInstance())
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| faults Omni answered during the storm, of all its requests: 500/503 / 429 / dropped"
                + " create responses (429 slots never asked for, cancelled) | %d / %d / %d of"
                + " %d (%d) |%n",
            storm.status5xx(),
            storm.status429(),
            storm.droppedCreates(),
            storm.requests(),
            storm.burstUnserved()));
    b.append("| PATCH answers during the storm, by status | ")
        .append(storm.patchesByStatus())
        .append(" |\n");
    b.append("| Omni calls by route (storm and settle) | ").append(r.callsByRoute()).append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| label touches / spec edits (on Ready resources) / rotations (on Ready resources)"
                + " during the storm | %d / %d (%d) / %d (%d) |%n",
            storm.labelTouches(),
            storm.specEdits(),
            storm.editsOnReady(),
            storm.rotations(),
            storm.rotationsOnReady()));
    b.append(
        String.format(
            Locale.ROOT,
            "| resources deleted mid-create (create pending) / gone / live connections left by"
                + " Delete-policy ones | %d (%d) / %d / %d |%n",
            r.deletedRequested(),
            r.deletedPending(),
            r.deletedGone(),
            r.leakedOfDeleted()));
    b.append("| time to settle after the faults stopped | ")
        .append(seconds(r.settle()))
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| remaining resources Ready | %d / %d |%n",
            r.check().ready(),
            r.check().resources()));
    b.append("| duplicate connections (live, same name) | ")
        .append(r.check().duplicateNames())
        .append(" |\n");
    b.append("| lost updates (spec ≠ Omni: name, dialect, baseRole, database) | ")
        .append(r.check().lostUpdates())
        .append(" |\n");
    b.append("| stale credentials (Omni's password ≠ the Secret's) | ")
        .append(r.check().staleCredentials())
        .append(" |\n");
    var per = r.perResource();
    b.append(
        String.format(
            Locale.ROOT,
            "| Omni calls per resource (creates by name, whatever the answer; others by id): max"
                + " (%s) / mean; unattributable | %d / %.1f; %d |%n",
            per.maxResource(),
            per.max(),
            per.mean(),
            per.unattributed()));
    b.append(
        String.format(
            Locale.ROOT,
            "| calls beyond one create and one per edit or rotation: max (%s), bound | %d, %d |%n",
            per.maxExtraResource(),
            per.maxExtra(),
            Soak.MAX_EXTRA_CALLS));
    b.append(
        String.format(
            Locale.ROOT,
            "| steady state after the storm: list / other calls in %.2f poll intervals | %d / %d |%n",
            r.steadyIntervals(),
            r.steadyLists(),
            r.steadyOther()));
    b.append("| secret values in captured output | ").append(r.leaks()).append(" |\n");
    b.append("| invariant violations | ")
        .append(r.violations().isEmpty() ? "none" : String.join("; ", r.violations()))
        .append(" |\n");
    return b.toString();
  }

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
                  : "not converged, " + readyAfter(r)));
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
            "worst p99 " + seconds(p99) + " (journal time, includes Omni's 80 ms)",
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
            "worst p99 " + seconds(r99),
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
                            + mib(r.heapAfterGc())
                            + " after GC, RSS "
                            + mib(r.rss()))
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
            "worst " + seconds(first) + " (the operator's log: process start to first reconcile)",
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

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
