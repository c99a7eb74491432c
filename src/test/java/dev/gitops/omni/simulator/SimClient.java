package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A minimal HTTP client for the contract tests: real HTTP/1.1 to the simulator. */
final class SimClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final OmniSimulator sim;
  private final String api;
  private final String authorization;

  SimClient(OmniSimulator sim, String api, String token) {
    this(sim, api, token, true);
  }

  private SimClient(OmniSimulator sim, String api, String auth, boolean bearer) {
    this.sim = sim;
    this.api = api;
    this.authorization = auth == null ? null : bearer ? "Bearer " + auth : auth;
  }

  /** A client that sends this exact {@code Authorization} header value. */
  static SimClient withAuthorizationHeader(OmniSimulator sim, String api, String header) {
    return new SimClient(sim, api, header, false);
  }

  SimClient(OmniSimulator sim, String api) {
    this(sim, api, SimulatorOptions.DEFAULT_TOKEN);
  }

  /** A response: status, parsed JSON body (null if empty) and headers. */
  record Resp(int status, JsonNode json, String raw, HttpHeaders headers) {
    String detail() {
      return json == null ? null : json.path("detail").asText(null);
    }
  }

  Resp list(String query) {
    return send("GET", query == null || query.isEmpty() ? "" : "?" + query, null);
  }

  Resp get(String id) {
    return send("GET", "/" + id, null);
  }

  Resp create(Object body) {
    return send("POST", "", body);
  }

  Resp patch(String id, Object body) {
    return send("PATCH", "/" + id, body);
  }

  Resp delete(String id) {
    return send("DELETE", "/" + id, null);
  }

  // ---- a connection's schedules (v1) ----

  Resp schedules(String connectionId) {
    return send("GET", "/" + connectionId + "/schedules", null);
  }

  Resp createSchedule(String connectionId, Object body) {
    return send("POST", "/" + connectionId + "/schedules", body);
  }

  Resp schedule(String connectionId, String scheduleId) {
    return send("GET", "/" + connectionId + "/schedules/" + scheduleId, null);
  }

  Resp updateSchedule(String connectionId, String scheduleId, Object body) {
    return send("PUT", "/" + connectionId + "/schedules/" + scheduleId, body);
  }

  Resp deleteSchedule(String connectionId, String scheduleId) {
    return send("DELETE", "/" + connectionId + "/schedules/" + scheduleId, null);
  }

  // ---- connection environments ----

  Resp environments() {
    return sendTo("GET", environmentsUrl(), null);
  }

  Resp linkEnvironments(Object body) {
    return sendTo("POST", environmentsUrl(), body);
  }

  Resp setEnvironmentValues(String recordId, Object body) {
    return sendTo("PUT", environmentsUrl() + "/" + recordId, body);
  }

  Resp unlinkEnvironment(String recordId) {
    return sendTo("DELETE", environmentsUrl() + "/" + recordId, null);
  }

  private String environmentsUrl() {
    return sim.baseUrl() + "/api/" + api + "/connection-environments";
  }

  /** Creates and returns the new id, failing unless Omni answered 201. */
  String createOk(Map<String, ?> body) {
    Resp r = create(body);
    if (r.status() != 201) {
      throw new AssertionError("create answered " + r.status() + " " + r.raw());
    }
    return r.json().get("data").asText();
  }

  /** {@code body} may be a String (sent verbatim), null (no body) or an object (as JSON). */
  Resp send(String method, String pathSuffix, Object body) {
    try {
      return sendOrThrow(method, pathSuffix, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp sendOrThrow(String method, String pathSuffix, Object body) throws IOException {
    return sendToOrThrow(method, sim.connectionsUrl(api) + pathSuffix, body);
  }

  /** Like {@link #send} to a whole URL. */
  Resp sendTo(String method, String url, Object body) {
    try {
      return sendToOrThrow(method, url, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Resp sendToOrThrow(String method, String url, Object body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(text));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      return new Resp(r.statusCode(), json, r.body(), r.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
