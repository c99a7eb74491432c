package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A validated schedule POST or PUT body: {@code schedule} (an EventBridge cron, see {@link
 * EventBridgeCronRule}), {@code timezone} (an IANA region name such as {@code America/New_York};
 * offsets like {@code +02:00} are refused) and the optional boolean {@code hardRefresh}. Other keys
 * are ignored, as a connection create ignores them. PUT takes the same body and replaces all three.
 *
 * @param fields the cron's six fields
 */
record ScheduleBody(String schedule, String timezone, boolean hardRefresh, List<String> fields) {
  static final String TIMEZONE = "timezone";
  static final String HARD_REFRESH = "hardRefresh";
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  ScheduleBody {
    fields = List.copyOf(fields);
  }

  /** Parses and validates a request body; throws the 400 that names the first bad field. */
  static ScheduleBody parse(byte[] body) {
    return of(JsonBodies.object(body));
  }

  static ScheduleBody of(ObjectNode obj) {
    String schedule = requiredString(obj, EventBridgeCronRule.FIELD);
    List<String> fields = EventBridgeCronRule.check(schedule);
    String timezone = requiredString(obj, TIMEZONE);
    if (!ZONES.contains(timezone)) {
      throw ApiError.field(
          TIMEZONE, "Invalid time zone '" + timezone + "' (use an IANA name like Europe/Paris)");
    }
    boolean hardRefresh = false;
    JsonNode hard = obj.get(HARD_REFRESH);
    if (hard != null && !hard.isNull()) {
      if (!hard.isBoolean()) {
        throw CreateFields.wrongType(HARD_REFRESH, "boolean", hard);
      }
      hardRefresh = hard.booleanValue();
    }
    return new ScheduleBody(schedule, timezone, hardRefresh, fields);
  }

  /** What the simulator answers as the schedule's {@code description}. */
  String description() {
    return CronDescriber.describe(fields);
  }

  private static String requiredString(ObjectNode obj, String field) {
    return JsonBodies.requiredString(obj, field, field);
  }
}
