package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The restarts during convergence, alternately a crash and a clean stop: each instance is replaced
 * once it has stored its share of the connections, whatever its start-up costs, so every restart
 * interrupts work in flight. Then the storm lasts at least the chaos window, and until the last
 * instance too has stored its share (or every remaining resource has its connection).
 */
final class SoakRestarts {
  private final Soak.Scenario s;
  private final Rig rig;
  private final OperatorUnderTest op;
  private final Consumer<String> log;
  private final Instant t0;
  private final Set<String> deleted;
  final List<Long> createsPerInstance = new ArrayList<>();
  int restarts;
  private long base;

  SoakRestarts(
      Soak.Scenario s,
      Rig rig,
      OperatorUnderTest op,
      Consumer<String> log,
      Instant t0,
      Set<String> deleted) {
    this.s = s;
    this.rig = rig;
    this.op = op;
    this.log = log;
    this.t0 = t0;
    this.deleted = deleted;
  }

  /** Restarts the operator {@code s.restarts()} times, then waits the storm out. */
  void run() {
    int step = Math.max(1, (s.n() - s.deletions()) / (s.restarts() + 1));
    Duration patience = Duration.ofMinutes(2);
    base = stored(rig);
    for (int k = 1; k <= s.restarts(); k++) {
      long from = base;
      if (!Polling.waitFor(() -> stored(rig) - from >= step, patience, Duration.ofMillis(20))) {
        log.accept(
            String.format(
                "[%s] instance %d stored %d connections in %ds (wanted %d): restarting anyway",
                s.label(), k, stored(rig) - from, patience.toSeconds(), step));
      }
      boolean crash = k % 2 == 1;
      log.accept(
          String.format(
              "[%s] %s the operator at %ds: %d/%d Ready, %d stored by this instance",
              s.label(),
              crash ? "killing" : "stopping",
              ChildJvmOperator.since(t0).toSeconds(),
              rig.readyCount(),
              s.n(),
              stored(rig) - from));
      op.stop(crash);
      createsPerInstance.add(stored(rig) - from);
      base = stored(rig);
      op.start();
      restarts++;
    }
    // The storm lasts at least the chaos window, and until the last instance too has stored
    // its share (or every remaining resource has its connection): the stragglers are left to
    // the settle. Edits and rotations on Ready resources meet the faults all along.
    long last = base;
    boolean worked =
        Polling.waitFor(
            () ->
                ChildJvmOperator.since(t0).compareTo(s.chaos()) >= 0
                    && (stored(rig) - last >= step
                        || rig.cached().stream()
                            .filter(r -> !deleted.contains(r.getMetadata().getName()))
                            .allMatch(
                                r -> r.getStatus() != null && r.getStatus().connectionId != null)),
            s.chaos().plus(patience),
            Duration.ofMillis(100));
    if (!worked) {
      log.accept(
          String.format(
              "[%s] storm bound reached: the last instance stored %d connections",
              s.label(), stored(rig) - last));
    }
  }

  /** Records what the last instance stored, once the faults are off. */
  void lastInstanceDone() {
    createsPerInstance.add(stored(rig) - base);
  }

  /** Connections stored by creates so far: answered (201) or with the answer dropped. */
  private static long stored(Rig rig) {
    return rig.sim.count("create", 201) + rig.sim.count("create", JournalEntry.DROPPED);
  }
}
