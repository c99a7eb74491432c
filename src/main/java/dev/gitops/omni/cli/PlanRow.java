package dev.gitops.omni.cli;

import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
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
 * @param schedules its schema-refresh schedules, null when the spec leaves them alone
 * @param environmentLink its environment link, null when it has none to plan
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
    String instance,
    PlanSchedules schedules,
    PlanEnvironmentLink environmentLink) {

  /** This row, planned against {@code id}. */
  PlanRow withInstance(String id) {
    return copy(action, fields, reason, message, id, schedules, environmentLink);
  }

  /** This row with {@code note} added to its message. */
  PlanRow noted(String note) {
    return copy(action, fields, reason, message + note, instance, schedules, environmentLink);
  }

  /** This row with what Omni holds around its connection. */
  PlanRow withNeighbours(PlanSchedules s, PlanEnvironmentLink link) {
    return copy(action, fields, reason, message, instance, s, link);
  }

  /** This row refused for a spec rule plan checks across the files ({@code fields} broken). */
  PlanRow invalid(List<String> broken, String why) {
    return copy("invalid", broken, Reason.INVALID_SPEC.text(), why, instance, null, null);
  }

  private PlanRow copy(
      String action,
      List<String> fields,
      String reason,
      String message,
      String instance,
      PlanSchedules schedules,
      PlanEnvironmentLink environmentLink) {
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
        instance,
        schedules,
        environmentLink);
  }

  /** Whether carrying the plan out would write to Omni. */
  boolean isChange() {
    if (!writesAllowed) {
      return false;
    }
    boolean connection =
        switch (action) {
          case "create", "patch", "replace" -> true;
          case "adopt" -> !fields.isEmpty();
          default -> false;
        };
    return connection
        || schedules != null && schedules.isChange()
        || environmentLink != null && environmentLink.isChange();
  }

  /** Invalid or blocked, or Omni would not say what it holds around the connection. */
  boolean isError() {
    return isRefused()
        || schedules != null && schedules.isError()
        || environmentLink != null && environmentLink.isError();
  }

  /** Nothing is planned for the connection: invalid or blocked. */
  boolean isRefused() {
    return action.equals("invalid") || action.equals("blocked");
  }
}
