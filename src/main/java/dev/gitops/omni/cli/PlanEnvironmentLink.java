package dev.gitops.omni.cli;

import dev.gitops.omni.connection.EnvironmentLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code plan} says about a connection's environment link (spec.environmentOf): whether the
 * operator would create it, change its values, move it to another base, remove it, or leave it.
 * {@link EnvironmentLinks} decides; this holds the answer and prints it.
 *
 * @param status {@code create}, {@code updateValues}, {@code relink}, {@code remove}, {@code
 *     inSync}, {@code unknown} (this Omni cannot list links), {@code unavailable} (the unstable
 *     API), {@code unreadable} (Omni did not answer) or {@code notPlanned} (the base is refused)
 * @param base the base OmniConnection ({@code namespace/name}), null for a removal
 * @param baseConnectionId the base's Omni id, null while it is to be created
 * @param values the spec's user attribute values
 * @param observedLinkId Omni's record for this connection, null when none was seen
 * @param observedBaseConnectionId the base that record names
 * @param observedValues the values that record holds
 * @param message the sentence DETAILS shows
 */
record PlanEnvironmentLink(
    String status,
    String base,
    String baseConnectionId,
    List<String> values,
    String observedLinkId,
    String observedBaseConnectionId,
    List<String> observedValues,
    String message) {

  static final String CREATE = "create";
  static final String UPDATE_VALUES = "updateValues";
  static final String RELINK = "relink";
  static final String REMOVE = "remove";
  static final String IN_SYNC = "inSync";
  static final String UNKNOWN = "unknown";
  static final String UNAVAILABLE = "unavailable";
  static final String UNREADABLE = "unreadable";
  static final String NOT_PLANNED = "notPlanned";

  /**
   * The answer about {@code values} linked to {@code base}, having seen Omni's record {@code seen}.
   */
  static PlanEnvironmentLink of(
      String status,
      String base,
      String baseId,
      List<String> values,
      EnvironmentLink seen,
      String message) {
    return new PlanEnvironmentLink(
        status,
        base,
        baseId,
        List.copyOf(values),
        seen == null ? null : seen.id(),
        seen == null ? null : seen.baseConnectionId(),
        seen == null ? null : seen.userAttributeValues(),
        message);
  }

  boolean isChange() {
    return List.of(CREATE, UPDATE_VALUES, RELINK, REMOVE).contains(status);
  }

  boolean isError() {
    return status.equals(UNREADABLE);
  }

  /** The text table's cell. */
  String cell() {
    return switch (status) {
      case UPDATE_VALUES -> "update values";
      case IN_SYNC -> "in sync";
      case UNAVAILABLE -> "not on unstable API";
      case UNREADABLE -> "not read";
      case NOT_PLANNED -> "not planned";
      default -> status;
    };
  }

  /** What the DETAILS column adds, null when in sync. */
  String detail() {
    return status.equals(IN_SYNC) ? null : "environment link: " + message;
  }

  /** The {@code environmentLink} object of {@code -o json}. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (base != null) {
      m.put("base", base);
      m.put("baseConnectionId", baseConnectionId);
      m.put("userAttributeValues", values);
    }
    if (observedLinkId != null) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", observedLinkId);
      o.put("baseConnectionId", observedBaseConnectionId);
      o.put("userAttributeValues", observedValues);
      m.put("observed", o);
    }
    m.put("message", message);
    return m;
  }
}
