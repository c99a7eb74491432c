package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.simulator.Latency;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The fault soak: the operator converging N resources while Omni drops 10 % of create responses,
 * answers 10 % with 500/503, throws 429 bursts and latency spikes; the operator is stopped and a
 * new one started five times (alternately killed and stopped cleanly); on the Kubernetes side a
 * writer keeps touching labels (so the operator's writes meet 409 conflicts), specs and Secrets are
 * edited, and resources are deleted mid-create. Then the faults stop and the invariants are
 * checked. The writers are {@link SoakChaos}, the restarts {@link SoakRestarts}, the checks after
 * the storm {@link SoakSettle}.
 */
final class Soak {

  record Scenario(
      String label,
      int n,
      int simRate,
      int operatorRate,
      boolean childJvm,
      Duration pollInterval,
      int threads,
      Duration chaos,
      int restarts,
      int deletions,
      String maxHeap,
      Path jar,
      Path workDir,
      long seed) {}

  /**
   * Omni calls a resource may spend beyond one create and one call per change made to it (spec edit
   * or rotation), to absorb the storm's retries: ~20 % of creates fail or lose their answer, 10 %
   * of PATCHes fail, 429 bursts and restarts repeat work in flight.
   */
  static final int MAX_EXTRA_CALLS = 10;

  static SoakResult run(Scenario s, Consumer<String> log) {
    SimulatorOptions options =
        Rig.simulator(s.simRate(), s.n(), s.seed())
            .latency(
                Latency.fixed(Duration.ofMillis(80))
                    .withJitter(Duration.ofMillis(40))
                    .withSpikes(0.03, Duration.ofMillis(1500)))
            .error5xxRate(0.10)
            .dropCreateRate(0.10)
            .build();
    try (Rig rig = new Rig(options)) {
      // even resources archive their connection on deletion, odd ones leave it
      BenchResources.populate(
          rig, s.n(), 8, i -> i % 2 == 0 ? DeletionPolicy.Delete : DeletionPolicy.Orphan);
      rig.watch();
      Polling.waitFor(
          () -> rig.cached().size() == s.n(), Duration.ofMinutes(2), Duration.ofMillis(50));
      rig.sim.resetCounters();
      rig.sim.clearJournal();
      Settings settings =
          Settings.of(rig, s.pollInterval(), s.operatorRate(), s.threads(), s.maxHeap());
      OperatorUnderTest op =
          s.childJvm()
              ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve(s.label()))
              : new InProcessOperator(settings, rig.k8s);
      SoakChaos chaos = new SoakChaos(rig, s);
      try {
        Instant started = Instant.now();
        op.start();
        // The storm starts with the operator's first Omni call: a child JVM needs seconds to get
        // there, and faults switched on and off before it does test nothing.
        if (!Polling.waitFor(
            () -> rig.sim.totalRequests() > 0, Duration.ofMinutes(2), Duration.ofMillis(20))) {
          throw new IllegalStateException(s.label() + ": no Omni call within 2 minutes of start");
        }
        Instant t0 = Instant.now();
        Duration firstCall = Duration.between(started, t0);
        log.accept(
            String.format(
                "[%s] first Omni call %.1fs after the operator's start: storm on",
                s.label(), firstCall.toMillis() / 1000.0));
        chaos.start();
        SoakRestarts restarts = new SoakRestarts(s, rig, op, log, t0, chaos.deleted);
        restarts.run();
        chaos.stop();
        rig.sim.setError5xxRate(0);
        rig.sim.setDropCreateRate(0);
        rig.sim.setLatency(Duration.ofMillis(80));
        long unserved = chaos.burstUnserved.addAndGet(rig.sim.cancelRateLimitBurst());
        Instant stormEnd = Instant.now();
        restarts.lastInstanceDone();
        SoakStorm storm =
            SoakStorm.measure(
                rig,
                firstCall,
                Duration.between(t0, stormEnd),
                restarts.createsPerInstance,
                unserved,
                chaos);
        log.accept(
            String.format(
                "[%s] faults off after a %ds storm: %d/%d Ready, %d deleted; %s",
                s.label(),
                storm.duration().toSeconds(),
                rig.readyCount(),
                s.n(),
                chaos.deleted.size(),
                storm));
        return SoakSettle.settle(s, rig, op, chaos, storm, restarts.restarts);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        chaos.halt();
        op.close();
      }
    }
  }

  /**
   * How often a spec is edited: every 120 ms, but no faster than a quarter of the operator's
   * budget, so that the PATCHes on Ready resources do not starve convergence (at 600/min: every 400
   * ms).
   */
  static Duration editEvery(Scenario s) {
    return Duration.ofMillis(Math.max(120, 4 * 60_000L / s.operatorRate()));
  }

  /** How often a Secret is rotated: every 400 ms, at most a twelfth of the operator's budget. */
  static Duration rotateEvery(Scenario s) {
    return Duration.ofMillis(Math.max(400, 12 * 60_000L / s.operatorRate()));
  }
}
