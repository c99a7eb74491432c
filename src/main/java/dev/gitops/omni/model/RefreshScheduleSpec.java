package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** One schema-refresh schedule of a connection, as Omni takes it (docs/neighbours.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.schedule.matches('" + RefreshScheduleSpec.CRON + "')",
    message = RefreshScheduleSpec.CRON_MESSAGE)
public class RefreshScheduleSpec {
  /**
   * Omni's 6-field cron (AWS EventBridge form): minutes, hours, day-of-month, month, day-of-week,
   * year, with exactly one of the two day fields {@code ?}.
   */
  public static final String CRON =
      "^\\\\S+ \\\\S+ (\\\\? \\\\S+ [^?\\\\s]\\\\S*|[^?\\\\s]\\\\S* \\\\S+ \\\\?) \\\\S+$";

  /** What Omni's cron looks like, for messages. */
  public static final String CRON_FORM =
      "Omni's 6-field cron: minutes hours day-of-month month day-of-week year, with '?' in"
          + " exactly one of the two day fields (e.g. '0 9 ? * MON-FRI *')";

  /** What the CRD (per schedule) and the planner (with its index) say about a bad cron. */
  public static final String CRON_MESSAGE = "schedule must be " + CRON_FORM;

  /** The most schedules a connection may list (the CRD's maxItems keeps its CEL cost bounded). */
  public static final int MAX_PER_CONNECTION = 10;

  @Required
  @io.fabric8.generator.annotation.Size(max = 64)
  @JsonPropertyDescription(
      "When to refresh the schema: Omni's 6-field cron (minutes hours day-of-month month"
          + " day-of-week year, one of the day fields '?'), e.g. '0 9 ? * MON-FRI *'.")
  public String schedule;

  @Required
  @io.fabric8.generator.annotation.Size(max = 64)
  @JsonPropertyDescription("IANA time zone the schedule runs in, e.g. Europe/Berlin or UTC.")
  public String timezone;

  public RefreshScheduleSpec() {}

  public RefreshScheduleSpec(String schedule, String timezone) {
    this.schedule = schedule;
    this.timezone = timezone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RefreshScheduleSpec r
        && Objects.equals(schedule, r.schedule)
        && Objects.equals(timezone, r.timezone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schedule, timezone);
  }

  @Override
  public String toString() {
    return "'" + schedule + "' " + timezone;
  }
}
