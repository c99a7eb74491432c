package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Clock;
import java.time.Duration;

/**
 * A connection whose instance cannot be used ({@link InstanceAccess}): the status says why, a
 * Warning Event says it once, and Omni is sent nothing.
 */
final class InstanceRefusal {
  /** How often a connection whose instance is not ready yet looks again (its events come first). */
  static final Duration NOT_READY_RECHECK = Duration.ofSeconds(30);

  private final Events events;
  private final OperatorMetrics metrics;
  private final Clock clock;

  InstanceRefusal(Events events, OperatorMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Writes the refusal when the status does not say it yet; returns when to look again. */
  Duration refuse(OmniConnection r, Outcome outcome, ResourceWrites writes) {
    OmniConnectionStatus next =
        StatusFields.withConditions(r, StatusFields.copyOf(r.getStatus()), outcome, clock);
    if (!Json.same(next, r.getStatus())) {
      writes.writeStatus(r, next);
      if (outcome.state() == Outcome.State.STALLED) {
        events.warning(r, outcome.reason(), outcome.message());
      }
    }
    metrics.resourceState(PlanInputCollector.key(r), Outcomes.stateName(outcome));
    return outcome.state() == Outcome.State.RETRYING ? NOT_READY_RECHECK : null;
  }

  /** A deleted connection let go without archiving: its instance may not (or cannot) be used. */
  void leftInOmni(OmniConnection r, Outcome why) {
    events.warning(
        r,
        why.reason(),
        "deleted without archiving its Omni connection, which is left in Omni: " + why.message());
  }
}
