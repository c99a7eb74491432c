package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;

/**
 * Reports a plan that may not write (paused, or managementPolicy ObserveOnly): what the operator
 * would do, as conditions and events, with no call to Omni.
 */
final class ReadOnlyReport {
  private ReadOnlyReport() {}

  static Step step(OmniConnection r, Plan plan, OmniConnectionStatus status, EventRecorder events) {
    boolean wouldChange = plan.changesOmni() || plan.action() == Plan.Action.CREATE;
    if (r.isPaused()) {
      String msg =
          "paused by annotation "
              + OmniConnection.PAUSED_ANNOTATION
              + ": nothing is written to Omni"
              + (wouldChange ? "; would " + plan.message() : "");
      return new Step(r, status, Outcome.paused(msg), null);
    }
    if (plan.connectionId() != null && plan.action() != Plan.Action.BLOCKED) {
      status.connectionId = plan.connectionId();
    }
    if (plan.blocked()) {
      events.warning(r, plan.reason(), plan.message());
      return new Step(r, status, Outcome.stalled(plan.reason(), plan.message()), null);
    }
    if (wouldChange || !plan.drift().isEmpty()) {
      String msg =
          "managementPolicy ObserveOnly: Omni differs from the spec; would " + plan.message();
      events.warning(r, "DriftDetected", msg);
      return new Step(r, status, Outcome.stalled("DriftDetected", msg), null);
    }
    return new Step(
        r, status, Outcome.ready("ObserveOnly", "observing only: " + plan.message()), null);
  }
}
