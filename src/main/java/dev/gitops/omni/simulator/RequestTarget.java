package dev.gitops.omni.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request goes: the API prefix ({@code v1} or {@code unstable}), the route and the
 * connection id in the path. Both prefixes serve the same store; only {@code v1} has get-one and
 * delete, so those methods are an {@code Invalid method} on {@code unstable}.
 */
record RequestTarget(String api, Route route, String connectionId) {
  private static final Pattern PATH =
      Pattern.compile("^/api/(v1|unstable)/connections(?:/([^/]+))?/?$");

  static RequestTarget of(String method, String path) {
    Matcher m = PATH.matcher(path == null ? "" : path);
    if (!m.matches()) {
      return new RequestTarget(null, Route.UNKNOWN, null);
    }
    String api = m.group(1);
    String id = m.group(2);
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
    return new RequestTarget(api, route, id);
  }

  boolean writes() {
    return route == Route.CREATE || route == Route.PATCH || route == Route.DELETE;
  }
}
