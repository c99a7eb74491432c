package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads schema-refresh schedules, leniently in shape and strictly in content: a schedule without
 * its id, cron or time zone makes the whole answer unreadable (null), so a caller never acts on
 * half a list (it would create a duplicate of a schedule it could not read).
 */
final class ScheduleReader {

  /** Where the schedule array has been seen: {@code schedules}; the others by analogy. */
  private static final List<String> LIST_KEYS = List.of("schedules", "data", "records");

  /** Where a single schedule may be wrapped: {@code schedule} (as an object), {@code data}. */
  private static final List<String> WRAPPERS = List.of("schedule", "data");

  private ScheduleReader() {}

  /** {@code {"schedules": [...]}} or a bare array; null when the answer is not one. */
  static List<RefreshSchedule> list(JsonNode body) {
    JsonNode array = OmniJson.array(body, LIST_KEYS);
    if (array == null) {
      return null;
    }
    List<RefreshSchedule> out = new ArrayList<>();
    for (JsonNode item : array) {
      RefreshSchedule schedule = read(item);
      if (schedule == null) {
        return null;
      }
      out.add(schedule);
    }
    return List.copyOf(out);
  }

  /** The schedule object, or one wrapped as {@code {"schedule": {...}}}; null when neither. */
  static RefreshSchedule one(JsonNode body) {
    return read(unwrap(body));
  }

  /**
   * The schedule a POST or PUT answered. When the answer is not a whole schedule (an id alone, as
   * {@code {"success": true, "data": "<id>"}} like a connection create, or no body), the schedule
   * sent with the answer's id, else with {@code knownId}; null when no id is known at all.
   */
  static RefreshSchedule answer(JsonNode body, String knownId, RefreshSchedule sent) {
    RefreshSchedule whole = one(body);
    if (whole != null) {
      return whole;
    }
    JsonNode inner = unwrap(body);
    String id = inner == null ? null : OmniJson.firstText(inner, "scheduleId", "id");
    if (id == null) {
      id = OmniResponses.createdId(body);
    }
    if (id == null) {
      id = knownId;
    }
    return id == null
        ? null
        : new RefreshSchedule(id, sent.schedule().strip(), sent.timezone().strip());
  }

  private static JsonNode unwrap(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    for (String wrapper : WRAPPERS) {
      JsonNode inner = body.get(wrapper);
      if (inner != null && inner.isObject()) {
        return inner;
      }
    }
    return body;
  }

  /** One schedule: id from {@code scheduleId} or {@code id}; null when a part is missing. */
  static RefreshSchedule read(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String id = OmniJson.firstText(node, "scheduleId", "id");
    String cron = OmniJson.firstText(node, "schedule");
    String timezone = OmniJson.firstText(node, "timezone");
    if (id == null || cron == null || timezone == null) {
      return null;
    }
    return new RefreshSchedule(id, cron, timezone);
  }
}
