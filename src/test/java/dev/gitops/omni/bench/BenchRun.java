package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.simulator.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run without faults: N resources, convergence against the floor N / R, calls by
 * route, steady state per poll interval, edit and rotation latency with the budget free, and (in a
 * child JVM) memory and start-up.
 */
final class BenchRun {

  /** What to run. {@code simRate} is Omni's limit; {@code operatorRate} the operator's budget. */
  record Scenario(
      String label,
      int n,
      int simRate,
      int operatorRate,
      Strategy strategy,
      boolean childJvm,
      Duration pollInterval,
      int threads,
      int samples,
      String maxHeap,
      Path jar,
      Path workDir,
      long seed) {

    /** The floor: N creates at R per minute. */
    Duration floor() {
      return Duration.ofMillis(Math.round(n * 60_000.0 / operatorRate));
    }
  }

  static final String[] ROUTES = {"list", "get", "create", "patch", "delete"};

  static BenchResult run(Scenario s, Consumer<String> log) {
    try (Rig rig = new Rig(Rig.simulator(s.simRate(), s.n(), s.seed()).build())) {
      long t = System.nanoTime();
      BenchResources.populate(rig, s.n(), 8, i -> DeletionPolicy.Orphan);
      rig.watch();
      Polling.waitFor(
          () -> rig.cached().size() == s.n(), Duration.ofMinutes(2), Duration.ofMillis(50));
      log.accept(
          String.format(
              "[%s] %d resources and Secrets written in %.1fs",
              s.label(), s.n(), (System.nanoTime() - t) / 1e9));
      rig.sim.resetCounters();
      rig.sim.clearJournal();

      Settings settings =
          Settings.of(rig, s.pollInterval(), s.operatorRate(), s.threads(), s.maxHeap());
      OperatorUnderTest op =
          switch (s.strategy()) {
            case NAIVE -> new NaiveOperator(settings, rig.k8s);
            case SHARED_LIST ->
                s.childJvm()
                    ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve(s.label()))
                    : new InProcessOperator(settings, rig.k8s);
          };
      try {
        Instant t0 = Instant.now();
        op.start();
        if (op instanceof ChildJvmOperator c) {
          t0 = c.startedAt();
        }
        // --- convergence
        Duration bound = s.floor().multipliedBy(3).plusMinutes(2);
        long deadline = System.nanoTime() + bound.toNanos();
        long lastLog = System.nanoTime();
        while (rig.readyCount() < s.n() && System.nanoTime() < deadline) {
          Polling.sleep(Duration.ofMillis(50));
          if (System.nanoTime() - lastLog > 15e9) {
            lastLog = System.nanoTime();
            log.accept(
                String.format(
                    "[%s] %d/%d Ready after %ds",
                    s.label(), rig.readyCount(), s.n(), ChildJvmOperator.since(t0).toSeconds()));
          }
        }
        int ready = rig.readyCount();
        Duration waited = ChildJvmOperator.since(t0);
        Instant last = rig.lastReady();
        Duration convergence = ready == s.n() && last != null ? Duration.between(t0, last) : null;
        List<JournalEntry> journal = rig.sim.journal();
        Duration first =
            journal.isEmpty() ? null : Duration.between(t0, journal.get(0).timestamp());
        // the operator logs its own process start → first reconcile; in-process, it has none
        Duration reconcile =
            op instanceof ChildJvmOperator c ? c.firstReconcile().orElse(null) : null;
        log.accept(
            String.format(
                "[%s] operator started %s, first reconcile %s and first Omni call %s after it",
                s.label(), t0, reconcile, first));
        Map<String, Long> calls = new LinkedHashMap<>();
        long c429 = 0;
        for (String route : ROUTES) {
          calls.put(route, rig.sim.count(route));
          c429 += rig.sim.count(route, 429);
        }
        log.accept(
            ready == s.n()
                ? String.format(
                    "[%s] converged: %d/%d Ready in %s (floor %s), calls %s, 429s %d",
                    s.label(), ready, s.n(), convergence, s.floor(), calls, c429)
                : String.format(
                    "[%s] NOT converged within the %ds limit: %d/%d Ready after %ds (floor %s),"
                        + " calls so far %s, 429s %d; steady state measured on what is there,"
                        + " edits and rotations not timed",
                    s.label(),
                    bound.toSeconds(),
                    ready,
                    s.n(),
                    waited.toSeconds(),
                    s.floor(),
                    calls,
                    c429));

        // --- steady state: a settling interval, then whole intervals counted
        Steady steady = Steady.measure(rig, s.pollInterval());
        long lists = steady.lists();
        long other = steady.other();
        double intervals = steady.intervals();
        log.accept(
            String.format(
                "[%s] steady state: %d lists and %d other calls in %.2f intervals",
                s.label(), lists, other, intervals));

        // --- edits and rotations, one at a time so the budget is free: only once converged (an
        // operator still converging has no free budget, and the sample may have no connection)
        List<String> sample = new ArrayList<>();
        for (int i = 0; ready == s.n() && i < s.samples(); i++) {
          sample.add(BenchResources.name((int) ((long) i * s.n() / s.samples())));
        }
        Duration gap = Duration.ofMillis(Math.max(150, 2 * 60_000 / s.operatorRate()));
        PatchLatency.Latencies edits =
            PatchLatency.timePatches(
                rig, sample, gap, name -> rig.setRole(name, "QUERIER"), "baseRole");
        PatchLatency.Latencies rotations =
            PatchLatency.timePatches(rig, sample, gap, rig::writeSecret, "passwordUnencrypted");
        if (ready == s.n()) {
          Polling.waitFor(
              () -> rig.cached().stream().allMatch(Rig::ready),
              Duration.ofSeconds(60),
              Duration.ofMillis(100));
        }
        InvariantCheck check = InvariantCheck.of(rig, rig.cached());

        // --- memory of the operator alone
        long heap = -1;
        long rss = -1;
        if (op instanceof ChildJvmOperator c) {
          var m = c.memory();
          heap = m.heapAfterGcBytes();
          rss = m.rssBytes();
        }
        int leaks =
            LeakScan.count(
                op.capturedOutput() + LeakScan.kubernetesText(rig.k8s), rig.secretsToHide());
        return new BenchResult(
            s,
            convergence,
            ready,
            waited,
            calls,
            c429,
            lists / intervals,
            other / intervals,
            intervals,
            edits.times(),
            edits.missed(),
            rotations.times(),
            rotations.missed(),
            heap,
            rss,
            reconcile,
            first,
            check,
            leaks,
            op.describe());
      } finally {
        op.close();
      }
    }
  }
}
