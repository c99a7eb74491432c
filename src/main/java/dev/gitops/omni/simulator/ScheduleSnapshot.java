package dev.gitops.omni.simulator;

import java.time.Instant;

/**
 * A read-only copy of one stored schema-refresh schedule, for tests and benches to inspect: see
 * {@link Organisation#schedules(String)}.
 *
 * @param schedule the cron exactly as it was sent
 * @param hardRefresh the optional body field, which answers do not carry
 * @param description what the simulator derived from the cron
 */
public record ScheduleSnapshot(
    String scheduleId,
    String connectionId,
    String schedule,
    String timezone,
    boolean hardRefresh,
    String description,
    Instant createdAt,
    Instant updatedAt) {}
