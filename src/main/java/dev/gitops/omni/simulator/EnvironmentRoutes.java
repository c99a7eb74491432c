package dev.gitops.omni.simulator;

import java.util.Map;

/**
 * The connection-environments routes: {@code GET/POST connection-environments} and {@code
 * PUT/DELETE connection-environments/{id}}, where {@code {id}} is a record id. Answers: the list as
 * {@code {"connectionEnvironments": [...]}} (or 404 {@code Not Found} when {@link
 * SimulatorOptions#environmentListMissing()}), a create as {@code 201 {"success": true, "data":
 * [{"id", "environmentConnectionId"}, ...]}}, a PUT or DELETE as {@code {"success": true}}. The
 * journal's connection id is the base connection's.
 */
final class EnvironmentRoutes {
  private EnvironmentRoutes() {}

  static Reply serve(
      RequestTarget target,
      Organisation org,
      byte[] body,
      SeenRequest seen,
      SimulatorOptions options) {
    EnvironmentBook book = org.environmentBook();
    String recordId = target.itemId();
    seen.connectionId = book.baseOf(recordId);
    return switch (target.route()) {
      case ENVIRONMENT_LIST -> {
        if (options.environmentListMissing()) {
          throw new ApiError(404, "Not Found");
        }
        yield new Reply(200, Map.of("connectionEnvironments", book.list()));
      }
      case ENVIRONMENT_CREATE -> {
        EnvironmentBody link = EnvironmentBody.link(body);
        seen.connectionId = link.baseConnectionId();
        yield Reply.success(201, "data", book.create(link));
      }
      case ENVIRONMENT_UPDATE -> {
        book.update(recordId, EnvironmentBody.values(body));
        yield Reply.success(200, null, null);
      }
      case ENVIRONMENT_DELETE -> {
        book.delete(recordId);
        yield Reply.success(200, null, null);
      }
      default -> throw new IllegalStateException("not an environment route: " + target.route());
    };
  }
}
