package dev.gitops.omni.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP glue. Per request, in this order: added latency; bearer token (401), which selects the
 * organisation whose connections the request sees; injected 429 burst, then the sliding-window rate
 * limit (429, no Retry-After or X-RateLimit headers); injected 500/503; unknown path (404) or wrong
 * method (400 {@code Invalid method}); read-only token on a write (403 {@code Permission denied});
 * then the route: connections here, schedules in {@link ScheduleRoutes}, connection environments in
 * {@link EnvironmentRoutes}. Every request lands in the counters and the journal. Logs carry
 * method, path and status only: never bodies, query values or tokens.
 */
final class SimulatorHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHandler.class);

  private final SimulatorOptions options;
  private final Tenancy tenancy;
  private final CreateValidator validator;
  private final PatchHandler patches;
  private final FaultInjector faults;
  private final RateLimiter limiter;
  private final RequestCounters counters;
  private final RequestJournal journal;

  SimulatorHandler(
      SimulatorOptions options,
      Tenancy tenancy,
      FaultInjector faults,
      RateLimiter limiter,
      RequestCounters counters,
      RequestJournal journal) {
    this.options = options;
    this.tenancy = tenancy;
    this.validator = new CreateValidator(options.customRoles());
    this.patches = new PatchHandler(validator);
    this.faults = faults;
    this.limiter = limiter;
    this.counters = counters;
    this.journal = journal;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    RequestTarget target = RequestTarget.of(method, path);
    SeenRequest seen = new SeenRequest(target);
    byte[] body = new byte[0];
    Reply reply;
    try {
      body = ex.getRequestBody().readAllBytes();
      faults.delay();
      reply = serve(ex, target, body, seen);
    } catch (ApiError e) {
      reply = Reply.error(e.status(), e.detail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = Reply.DROP;
    } catch (IOException e) {
      LOG.debug("{} {}: request unreadable ({})", method, path, e.getClass().getSimpleName());
      reply = Reply.DROP;
    } catch (RuntimeException e) {
      LOG.warn("{} {}: simulator bug: {}", method, path, e.getClass().getName());
      reply = Reply.error(500, "Internal Server Error");
    }
    // record before answering, so a client that has its answer also sees it counted
    counters.record(target.route(), reply.status());
    journal.record(
        new JournalEntry(
            Instant.now(),
            method,
            target.api(),
            target.route().label(),
            seen.connectionId,
            seen.itemId,
            reply.status(),
            JsonBodies.topLevelKeys(body),
            target.route() == Route.CREATE ? JsonBodies.topLevelString(body, "name") : null,
            seen.organisation));
    LOG.debug("{} {} -> {}", method, path, reply.dropped() ? "dropped" : reply.status());
    try {
      if (!reply.dropped()) {
        send(ex, reply);
      }
    } finally {
      // after a response this just ends the exchange; without one it closes the TCP connection
      ex.close();
    }
  }

  private Reply serve(HttpExchange ex, RequestTarget target, byte[] body, SeenRequest seen) {
    String token = bearer(ex);
    Organisation org = tenancy.ofToken(token);
    if (org == null) {
      throw new ApiError(401, "Unauthorized");
    }
    seen.organisation = org.name();
    boolean readOnly = tenancy.readOnly(token);
    if (faults.takeBurst() || !limiter.tryAcquire(token)) {
      throw new ApiError(429, "Too Many Requests");
    }
    int fault = faults.server5xx();
    if (fault != 0) {
      throw new ApiError(fault, fault == 500 ? "Internal Server Error" : "Service Unavailable");
    }
    switch (target.route()) {
      case UNKNOWN -> throw new ApiError(404, "Not Found");
      case INVALID_METHOD -> throw ApiError.badRequest(ApiError.INVALID_METHOD);
      default -> {
        // a route of the API
      }
    }
    if (readOnly && target.writes()) {
      throw new ApiError(403, "Permission denied");
    }
    ConnectionStore store = org.store();
    String id = seen.connectionId;
    return switch (target.route()) {
      case LIST -> {
        ListQuery q = ListQuery.parse(ex.getRequestURI().getRawQuery());
        List<Map<String, Object>> found =
            store.withAll(all -> q.apply(all, options.legacyWireShapes()));
        yield new Reply(200, Map.of("connections", found));
      }
      case GET -> {
        Map<String, Object> view =
            store.withVisible(id, c -> ConnectionView.of(c, options.legacyWireShapes()));
        yield new Reply(200, Map.of("connection", view));
      }
      case CREATE -> {
        ValidatedCreate spec = validator.validate(body);
        seen.connectionId =
            store.create(
                null, spec, options.newConnectionInvisibleFor(), options.scheduleNotReadyFor());
        // a dropped create is stored, then the socket closes without any response
        yield faults.dropCreate() ? Reply.DROP : Reply.success(201, "data", seen.connectionId);
      }
      case PATCH -> Reply.success(200, "message", patches.patch(store, id, body));
      case DELETE -> {
        store.archive(id, true);
        yield Reply.success(200, null, null);
      }
      case SCHEDULE_LIST, SCHEDULE_GET, SCHEDULE_CREATE, SCHEDULE_UPDATE, SCHEDULE_DELETE ->
          ScheduleRoutes.serve(target, org, body, seen);
      case ENVIRONMENT_LIST, ENVIRONMENT_CREATE, ENVIRONMENT_UPDATE, ENVIRONMENT_DELETE ->
          EnvironmentRoutes.serve(target, org, body, seen, options);
      default -> throw new IllegalStateException("unrouted " + target.route());
    };
  }

  private static String bearer(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = h.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static void send(HttpExchange ex, Reply reply) {
    byte[] bytes = JsonBodies.write(reply.body());
    try {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(reply.status(), -1); // a HEAD answer carries no body
        return;
      }
      ex.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    } catch (IOException e) {
      LOG.debug("response {} not delivered: {}", reply.status(), e.getClass().getSimpleName());
    }
  }
}
