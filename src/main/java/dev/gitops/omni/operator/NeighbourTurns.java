package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link ScheduleSync} and {@link EnvironmentSync} decide alike: whether a reconcile looks
 * after a connection's neighbours at all, and whether an in-sync neighbour is due for its check
 * (docs/neighbours.md, "When Omni is read and written").
 */
final class NeighbourTurns {
  private NeighbourTurns() {}

  /** The operator may write to Omni for {@code r}: not paused, not observe-only. */
  static boolean writes(OmniConnection r) {
    return !r.isPaused()
        && r.getSpec() != null
        && r.getSpec().managementPolicy != ManagementPolicy.ObserveOnly;
  }

  /** Neighbours are checked after a step that left a connection the operator writes to Ready. */
  static boolean looksAfter(Step step) {
    return writes(step.resource()) && step.outcome().state() == Outcome.State.READY;
  }

  /** {@code r}'s metadata.generation (0 before the API server set one). */
  static long generation(OmniConnection r) {
    Long g = r.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  /**
   * How long until an in-sync neighbour checked at {@code lastCheckTime} is due again, or null when
   * it is due now (or is not in sync, or never checked).
   */
  static Duration notDueFor(Boolean inSync, String lastCheckTime, Duration interval, Instant now) {
    if (!Boolean.TRUE.equals(inSync) || lastCheckTime == null) {
      return null;
    }
    Duration left = Duration.between(now, Instant.parse(lastCheckTime).plus(interval));
    return left.compareTo(Duration.ZERO) > 0 ? left : null;
  }
}
