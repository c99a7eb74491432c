package dev.gitops.omni.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request goes: the API prefix ({@code v1} or {@code unstable}), the route, the connection
 * id in the path and the id of a schedule or environment record in the path. Both prefixes serve
 * the same store; only {@code v1} has get-one and delete, so those methods are an {@code Invalid
 * method} on {@code unstable}. Schedules exist on {@code v1} only (404 on {@code unstable});
 * connection environments on both, as the beta paths had them.
 */
record RequestTarget(String api, Route route, String connectionId, String itemId) {
  private static final Pattern CONNECTIONS =
      Pattern.compile("^/api/(v1|unstable)/connections(?:/([^/]+))?/?$");
  private static final Pattern SCHEDULES =
      Pattern.compile("^/api/(v1)/connections/([^/]+)/schedules(?:/([^/]+))?/?$");
  private static final Pattern ENVIRONMENTS =
      Pattern.compile("^/api/(v1|unstable)/connection-environments(?:/([^/]+))?/?$");

  static RequestTarget of(String method, String path) {
    String p = path == null ? "" : path;
    Matcher m = CONNECTIONS.matcher(p);
    if (m.matches()) {
      return connections(method, m.group(1), m.group(2));
    }
    m = SCHEDULES.matcher(p);
    if (m.matches()) {
      String scheduleId = m.group(3);
      Route route =
          scheduleId == null
              ? switch (method) {
                case "GET" -> Route.SCHEDULE_LIST;
                case "POST" -> Route.SCHEDULE_CREATE;
                default -> Route.INVALID_METHOD;
              }
              : switch (method) {
                case "GET" -> Route.SCHEDULE_GET;
                case "PUT" -> Route.SCHEDULE_UPDATE;
                case "DELETE" -> Route.SCHEDULE_DELETE;
                default -> Route.INVALID_METHOD;
              };
      return new RequestTarget(m.group(1), route, m.group(2), scheduleId);
    }
    m = ENVIRONMENTS.matcher(p);
    if (m.matches()) {
      String recordId = m.group(2);
      Route route =
          recordId == null
              ? switch (method) {
                case "GET" -> Route.ENVIRONMENT_LIST;
                case "POST" -> Route.ENVIRONMENT_CREATE;
                default -> Route.INVALID_METHOD;
              }
              : switch (method) {
                case "PUT" -> Route.ENVIRONMENT_UPDATE;
                case "DELETE" -> Route.ENVIRONMENT_DELETE;
                default -> Route.INVALID_METHOD;
              };
      return new RequestTarget(m.group(1), route, null, recordId);
    }
    return new RequestTarget(null, Route.UNKNOWN, null, null);
  }

  private static RequestTarget connections(String method, String api, String id) {
    boolean v1 = api.equals("v1");
    Route route;
    if (id == null) {
      route =
          switch (method) {
            case "GET" -> Route.LIST;
            case "POST" -> Route.CREATE;
            default -> Route.INVALID_METHOD;
          };
    } else {
      route =
          switch (method) {
            case "PATCH" -> Route.PATCH;
            case "GET" -> v1 ? Route.GET : Route.INVALID_METHOD;
            case "DELETE" -> v1 ? Route.DELETE : Route.INVALID_METHOD;
            default -> Route.INVALID_METHOD;
          };
    }
    return new RequestTarget(api, route, id, null);
  }

  boolean writes() {
    return route.writes();
  }
}
