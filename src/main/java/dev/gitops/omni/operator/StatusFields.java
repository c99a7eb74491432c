package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Clock;
import java.util.ArrayList;

/** Copies and completes status objects. */
final class StatusFields {
  private StatusFields() {}

  static OmniConnectionStatus copyOf(OmniConnectionStatus s) {
    return s == null ? new OmniConnectionStatus() : Json.copy(s, OmniConnectionStatus.class);
  }

  /** The status with observedGeneration and the four conditions for {@code outcome}. */
  static OmniConnectionStatus withConditions(
      OmniConnection r, OmniConnectionStatus status, Outcome outcome, Clock clock) {
    OmniConnectionStatus s = copyOf(status);
    long generation = r.getMetadata().getGeneration() == null ? 0 : r.getMetadata().getGeneration();
    s.observedGeneration = generation;
    var previous =
        r.getStatus() == null
            ? new ArrayList<dev.gitops.omni.model.StatusCondition>()
            : r.getStatus().conditions;
    s.conditions = StatusBuilder.conditions(previous, generation, outcome, clock.instant());
    return s;
  }
}
