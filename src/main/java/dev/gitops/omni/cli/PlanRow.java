package dev.gitops.omni.cli;

import dev.gitops.omni.core.Plan;
import java.util.List;
import java.util.Map;

/**
 * What {@code plan} reports for one OmniConnection. Holds no secret: credentials appear only as the
 * name of the Omni field that would be sent.
 *
 * @param action create, adopt, patch, replace, nothing, invalid or blocked
 * @param changes the in-place changes in words, e.g. {@code baseRole: VIEWER -> QUERIER}
 * @param fields the Omni fields a patch sends or a replace is about
 * @param settings the non-secret create body (create, replace)
 * @param credentialsCompared false when a referenced Secret is not in the files
 * @param writesAllowed false when paused or ObserveOnly: the operator would only report
 * @param instance the instance it was planned against, null when the files use no instances
 */
record PlanRow(
    String resource,
    String origin,
    String omniName,
    String dialect,
    String action,
    String connectionId,
    List<String> fields,
    List<String> changes,
    String reason,
    String message,
    List<Plan.Drift> drift,
    Map<String, Object> settings,
    boolean credentialsCompared,
    boolean writesAllowed,
    String instance) {

  /** This row, planned against {@code id}. */
  PlanRow withInstance(String id) {
    return new PlanRow(
        resource,
        origin,
        omniName,
        dialect,
        action,
        connectionId,
        fields,
        changes,
        reason,
        message,
        drift,
        settings,
        credentialsCompared,
        writesAllowed,
        id);
  }

  /** This row with {@code note} added to its message. */
  PlanRow noted(String note) {
    return new PlanRow(
        resource,
        origin,
        omniName,
        dialect,
        action,
        connectionId,
        fields,
        changes,
        reason,
        message + note,
        drift,
        settings,
        credentialsCompared,
        writesAllowed,
        instance);
  }

  /** Whether carrying the plan out would write to Omni. */
  boolean isChange() {
    if (!writesAllowed) {
      return false;
    }
    return switch (action) {
      case "create", "patch", "replace" -> true;
      case "adopt" -> !fields.isEmpty();
      default -> false;
    };
  }

  boolean isError() {
    return action.equals("invalid") || action.equals("blocked");
  }
}
