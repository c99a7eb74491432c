package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One schedules run ({@link SchedulesScenario}), in one go: the operator starts on N resources with
 * two schedules each, written beforehand ({@link SchedulesWorld}); measured are (a) the time until
 * every one is Ready with its schedules in the simulator, against the floor, (b) Omni's calls by
 * route against the floor of calls, (c) spec edits of a schedule until the simulator shows them
 * ({@link SchedulesEdits}), (d) steady state over four poll intervals: lists and schedule reads per
 * interval, and how full the window was at each read, (e) 429s.
 */
final class SchedulesRun {
  private SchedulesRun() {}

  /** The runs of bench/run.sh's {@code --schedules}: comma-separated {@code N[:R]}. */
  static List<SchedulesResult> runAll(
      String specs, String heap, Path jar, Path work, long seed, Consumer<String> log) {
    List<SchedulesResult> results = new ArrayList<>();
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) {
        SchedulesScenario s = SchedulesScenario.parse(spec, heap, jar, work, seed++);
        log.accept("== " + s.label());
        results.add(run(s, log));
      }
    }
    return results;
  }

  static SchedulesResult run(SchedulesScenario s, Consumer<String> log) {
    try (SchedulesWorld w = new SchedulesWorld(s)) {
      Rig rig = w.rig;
      Settings settings = w.ready(s.maxHeap());
      try (OperatorUnderTest op =
          s.childJvm()
              ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve("schedules-" + s.n()))
              : new InProcessOperator(settings, rig.k8s)) {
        Instant t0 = Instant.now();
        op.start();
        if (op instanceof ChildJvmOperator c) {
          t0 = c.startedAt();
        }
        Instant seen = awaitSettled(w, t0, log);
        int unsettled = w.unsettled();
        Duration waited = ChildJvmOperator.since(t0);
        SchedulesCalls journal = new SchedulesCalls(rig.sim.journal());
        Instant firstAt = journal.first();
        Instant done = null;
        if (unsettled == 0) {
          Instant lastWrite =
              journal.last(j -> j.route().startsWith("schedule-") && j.status() / 100 == 2, seen);
          Instant lastReady = rig.lastReady();
          done = lastWrite != null && lastWrite.isAfter(lastReady) ? lastWrite : lastReady;
        }
        Map<String, Long> calls = journal.byRoute(t0, done == null ? seen : done);
        log.accept(
            String.format(
                "[%s] converged %s after the start (floor %s, bound %s), calls %s",
                s.label(),
                done == null ? "not (" + unsettled + " unsettled)" : Duration.between(t0, done),
                s.floor(),
                s.bound(),
                calls));

        // an edit "once converged": a run that did not converge is not timed
        SchedulesEdits edits = done == null ? SchedulesEdits.NONE : SchedulesEdits.measure(w);
        log.accept(String.format("[%s] edits %s", s.label(), edits));

        // steady state: a settling interval, then four whole intervals
        Polling.sleep(s.pollInterval().plusMillis(500));
        Instant from = Instant.now();
        Polling.sleep(s.pollInterval().multipliedBy(4));
        Instant to = Instant.now();
        double intervals =
            Duration.between(from, to).toMillis() / (double) s.pollInterval().toMillis();
        SchedulesCalls all = new SchedulesCalls(rig.sim.journal());
        String text = op.capturedOutput() + LeakScan.kubernetesText(rig.k8s);
        SchedulesResult r =
            new SchedulesResult(
                s,
                op.describe(),
                done == null ? null : Duration.between(t0, done),
                firstAt == null ? null : Duration.between(t0, firstAt),
                unsettled,
                waited,
                calls,
                all.readsBeforeFirstCreate(),
                edits,
                all.byRoute(from, to),
                intervals,
                all.mostBeforeRead(SchedulesScenario.WINDOW, from, to),
                all.count429(),
                all.mostIn(Duration.ofSeconds(60)),
                LeakScan.count(text, rig.secretsToHide()));
        log.accept(SchedulesReport.summary(r));
        return r;
      }
    }
  }

  /** Waits until nothing is unsettled (or gives up); returns when that was seen. */
  private static Instant awaitSettled(SchedulesWorld w, Instant t0, Consumer<String> log) {
    SchedulesScenario s = w.s;
    Duration limit = s.bound().multipliedBy(2).plusMinutes(1);
    long deadline = System.nanoTime() + limit.toNanos();
    long lastLog = System.nanoTime();
    int unsettled;
    while ((unsettled = w.unsettled()) > 0 && System.nanoTime() < deadline) {
      Polling.sleep(Duration.ofMillis(100));
      if (System.nanoTime() - lastLog > 15e9) {
        lastLog = System.nanoTime();
        log.accept(
            String.format(
                "[%s] %d/%d Ready, %d unsettled after %ds (%s)",
                s.label(),
                w.rig.readyCount(),
                s.n(),
                unsettled,
                ChildJvmOperator.since(t0).toSeconds(),
                new SchedulesCalls(w.rig.sim.journal()).byRoute(t0, Instant.now())));
      }
    }
    return Instant.now();
  }
}
