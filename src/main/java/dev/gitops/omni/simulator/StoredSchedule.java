package dev.gitops.omni.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One schema-refresh schedule as an organisation holds it. Mutable, and only touched while holding
 * the organisation's {@link ConnectionStore} lock.
 */
final class StoredSchedule {
  final String scheduleId;
  final String connectionId;
  final Instant createdAt;
  ScheduleBody body;
  Instant updatedAt;

  StoredSchedule(String scheduleId, String connectionId, ScheduleBody body, Instant createdAt) {
    this.scheduleId = scheduleId;
    this.connectionId = connectionId;
    this.body = body;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /**
   * The schedule as Omni answers it: {@code scheduleId, connectionId, schedule, timezone,
   * description, createdAt, updatedAt, disabledAt}. {@code hardRefresh} is kept but not answered,
   * as the documented shape has no such field; {@code disabledAt} is always null (the API cannot
   * disable a schedule).
   */
  Map<String, Object> view() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("scheduleId", scheduleId);
    v.put("connectionId", connectionId);
    v.put("schedule", body.schedule());
    v.put("timezone", body.timezone());
    v.put("description", body.description());
    v.put("createdAt", createdAt.toString());
    v.put("updatedAt", updatedAt.toString());
    v.put("disabledAt", null);
    return v;
  }

  ScheduleSnapshot snapshot() {
    return new ScheduleSnapshot(
        scheduleId,
        connectionId,
        body.schedule(),
        body.timezone(),
        body.hardRefresh(),
        body.description(),
        createdAt,
        updatedAt);
  }
}
