package dev.gitops.omni.simulator;

import java.util.Map;

/**
 * The schedule routes ({@code v1} only): {@code GET/POST connections/{id}/schedules} and {@code
 * GET/PUT/DELETE connections/{id}/schedules/{scheduleId}}. A body is validated before the
 * connection is looked up, as for a connection PATCH. Answers: the list as {@code {"schedules":
 * [...]}}, one schedule as the bare object (201 for a create), a delete as {@code {"success":
 * true}}.
 */
final class ScheduleRoutes {
  private ScheduleRoutes() {}

  static Reply serve(RequestTarget target, Organisation org, byte[] body, SeenRequest seen) {
    ScheduleBook book = org.scheduleBook();
    String connectionId = target.connectionId();
    String scheduleId = target.itemId();
    return switch (target.route()) {
      case SCHEDULE_LIST -> new Reply(200, Map.of("schedules", book.list(connectionId)));
      case SCHEDULE_GET -> new Reply(200, book.get(connectionId, scheduleId));
      case SCHEDULE_CREATE -> {
        Map<String, Object> created = book.create(connectionId, ScheduleBody.parse(body));
        seen.itemId = (String) created.get("scheduleId");
        yield new Reply(201, created);
      }
      case SCHEDULE_UPDATE ->
          new Reply(200, book.update(connectionId, scheduleId, ScheduleBody.parse(body)));
      case SCHEDULE_DELETE -> {
        book.delete(connectionId, scheduleId);
        yield Reply.success(200, null, null);
      }
      default -> throw new IllegalStateException("not a schedule route: " + target.route());
    };
  }
}
