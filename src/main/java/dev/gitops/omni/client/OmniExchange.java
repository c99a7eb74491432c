package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with Omni, shared by {@link OkHttpOmniClient} and {@link
 * OkHttpNeighbourClient}: the headers every request carries, one send without retries, and the
 * mapping of a failure to an {@link OmniApiException}. The config is read per request, so a rotated
 * key applies to both clients at once.
 */
final class OmniExchange {

  private static final Logger LOG = LoggerFactory.getLogger(OmniExchange.class);
  private static final MediaType JSON = MediaType.get("application/json");

  /** Error pages are read only this far: the detail keeps far less anyway. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]+");

  private final OkHttpClient http;
  private final Supplier<OmniClientConfig> config;
  private final Clock clock = Clock.systemUTC();

  OmniExchange(OkHttpClient http, Supplier<OmniClientConfig> config) {
    this.http = http;
    this.config = config;
  }

  OmniClientConfig config() {
    return config.get();
  }

  /** {@code <baseUrl>/api/<prefix>}, to which each call adds its own segments. */
  HttpUrl.Builder api() {
    OmniClientConfig c = config.get();
    return HttpUrl.get(c.baseUrl())
        .newBuilder()
        .addPathSegment("api")
        .addPathSegment(c.apiPrefix());
  }

  Request.Builder request(HttpUrl url) {
    OmniClientConfig c = config.get();
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + c.token().reveal())
        .header("Accept", "application/json")
        .header("User-Agent", c.userAgent());
  }

  static RequestBody json(byte[] body) {
    return RequestBody.create(body, JSON);
  }

  /**
   * Sends the request once. A 2xx comes back as a {@link Reply}; anything else throws, with {@code
   * secrets} and the API key masked should the server echo them.
   */
  Reply execute(Request request, List<String> secrets) {
    String method = request.method();
    String path = request.url().encodedPath();
    List<String> masked = new ArrayList<>(secrets);
    String auth = request.header("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      masked.add(auth.substring("Bearer ".length()));
    }
    try (Response response = http.newCall(request).execute()) {
      int status = response.code();
      LOG.debug("Omni {} {} -> {}", method, path, status);
      if (response.isSuccessful()) {
        return new Reply(status, response.body().string());
      }
      String body = response.peekBody(MAX_ERROR_BODY).string();
      throw OmniErrors.fromResponse(
          status, response.message(), response.headers(), body, masked, clock);
    } catch (IOException e) {
      LOG.debug("Omni {} {} -> no response ({})", method, path, e.getClass().getSimpleName());
      throw OmniErrors.fromIo(e, masked);
    }
  }

  /**
   * An Omni id as one path segment. Omni ids are UUIDs: anything that could leave its route (a "/",
   * "?", "." or "..", which OkHttp resolves) is refused before a request is built.
   */
  static String segment(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Omni " + what + " id is required");
    }
    String segment = id.strip();
    if (!SAFE_ID.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException("Omni " + what + " id is not a valid id: " + segment);
    }
    return segment;
  }

  /** A 2xx answer. */
  record Reply(int status, String body) {
    /** The body as JSON, or null when it is empty or not JSON. */
    JsonNode json() {
      return OmniJson.parseOrNull(body);
    }
  }
}
