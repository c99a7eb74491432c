package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;

/**
 * What one part of a reconcile ends with: the resource as last written, the status it should have,
 * the outcome for the conditions, and when to look again (null: only on a change).
 */
record Step(
    OmniConnection resource, OmniConnectionStatus status, Outcome outcome, Duration requeue) {

  /** This step, looking again no later than {@code next} (null: as it was). */
  Step noLaterThan(Duration next) {
    if (next == null || (requeue != null && requeue.compareTo(next) <= 0)) {
      return this;
    }
    return new Step(resource, status, outcome, next);
  }
}
