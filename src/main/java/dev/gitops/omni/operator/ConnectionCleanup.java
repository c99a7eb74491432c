package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs when an OmniConnection is deleted (the finalizer): archives the connection under
 * deletionPolicy Delete, otherwise leaves it in Omni, and says which in an event.
 */
final class ConnectionCleanup {
  private final PlanInputCollector inputs;
  private final ConnectionArchiver archiver;
  private final FailurePolicy failures;
  private final Events events;
  private final Duration pollInterval;

  ConnectionCleanup(
      PlanInputCollector inputs,
      ConnectionArchiver archiver,
      FailurePolicy failures,
      Events events,
      Duration pollInterval) {
    this.inputs = inputs;
    this.archiver = archiver;
    this.failures = failures;
    this.events = events;
    this.pollInterval = pollInterval;
  }

  /** Empty when the finalizer may go; otherwise how long to wait before trying again. */
  Optional<Duration> cleanup(OmniConnection r, ReconcileIo io) {
    Duration settle = inputs.createSettleRemaining(r);
    if (!settle.isZero()) {
      // a create's answer was just lost: wait until Omni's list can show what it stored
      return Optional.of(settle);
    }
    var link = r.getStatus() == null ? null : r.getStatus().environmentLink;
    if (link != null && link.id != null && io.neighbours() != null && NeighbourTurns.writes(r)) {
      try {
        // the connection may stay in Omni (Orphan): its environment link must not (a paused or
        // observe-only resource leaves Omni alone, its link included)
        EnvironmentLinkCalls.unlink(io.neighbours(), link.id);
      } catch (OmniApiException e) {
        events.warning(
            r,
            Reason.of(e.kind()),
            "could not remove the environment link, the resource stays until it can: "
                + e.getMessage());
        return Optional.of(failures.cleanupRetry(r, e, pollInterval));
      }
    }
    try {
      Plan plan = inputs.plan(r, io.resources(), null, true, io.omni());
      if (plan.action() == Plan.Action.DELETE) {
        archiver.archive(r, plan.connectionId(), io.omni());
      } else {
        events.normal(r, Reason.ORPHANED, plan.message());
      }
      failures.succeeded(r);
      return Optional.empty();
    } catch (OmniApiException e) {
      events.warning(
          r,
          Reason.of(e.kind()),
          "could not archive the connection, the resource stays until it can: " + e.getMessage());
      return Optional.of(failures.cleanupRetry(r, e, pollInterval));
    }
  }
}
