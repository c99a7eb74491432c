package dev.gitops.omni.client;

import dev.gitops.omni.client.OmniExchange.Reply;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.SecretValue;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * {@link OmniClient} over OkHttp: one call, one HTTP request. No retries and no rate limiting here
 * (decorators add those); every failure is an {@link OmniApiException}.
 */
public final class OkHttpOmniClient implements OmniClient, AutoCloseable {

  private volatile OmniClientConfig config;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final OmniExchange exchange;
  private final HttpUrl connectionsUrl;

  /** A client with its own OkHttpClient; {@link #close()} releases it. */
  public OkHttpOmniClient(OmniClientConfig config) {
    // Idle connections are dropped well before a typical load balancer's 60 s idle timeout: with
    // no transparent retry, reusing a connection the server already closed would fail the call.
    this(
        config,
        new OkHttpClient.Builder().connectionPool(new ConnectionPool(5, 30, TimeUnit.SECONDS)),
        true);
  }

  /**
   * A client sharing the connection pool and dispatcher of {@code base} (tests, or an application
   * that already has one). The config's timeouts and this client's no-retry, no-redirect rules
   * still apply.
   */
  public OkHttpOmniClient(OmniClientConfig config, OkHttpClient base) {
    this(config, Objects.requireNonNull(base, "base").newBuilder(), false);
  }

  private OkHttpOmniClient(OmniClientConfig config, OkHttpClient.Builder builder, boolean owns) {
    this.config = Objects.requireNonNull(config, "config");
    this.http =
        builder
            // Never retry inside the client: Omni has no idempotency key, so silently resending
            // a POST whose response was lost would create a duplicate connection. Whether to
            // retry is the caller's (a decorator's) decision.
            .retryOnConnectionFailure(false)
            // A redirect (http -> https, a login page) means a wrong baseUrl; following it would
            // turn a POST into a GET. Fail instead.
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .build();
    this.ownsHttp = owns;
    this.exchange = new OmniExchange(http, this::config);
    this.connectionsUrl = exchange.api().addPathSegment("connections").build();
  }

  /**
   * Sends {@code token} from the next request on (a rotated API key): calls on the wire finish with
   * the key they were sent with. Checked as the config checks a key.
   */
  public void useToken(SecretValue token) {
    this.config = config.withToken(token);
  }

  public OmniClientConfig config() {
    return config;
  }

  /** The exchange {@link OkHttpNeighbourClient} sends through: same client, key and rules. */
  OmniExchange exchange() {
    return exchange;
  }

  @Override
  public List<ObservedConnection> list(ListFilter filter) {
    ListFilter f = filter == null ? ListFilter.ALL : filter;
    HttpUrl.Builder url = connectionsUrl.newBuilder();
    addQuery(url, "name", f.name());
    addQuery(url, "database", f.database());
    addQuery(url, "dialect", f.dialect());
    addQuery(url, "sortField", f.sortField());
    addQuery(url, "sortDirection", f.sortDirection());
    if (f.includeDeleted()) {
      url.addQueryParameter("includeDeleted", "true");
    }
    Reply reply = exchange.execute(exchange.request(url.build()).get().build(), List.of());
    List<ObservedConnection> connections = OmniResponses.list(reply.json());
    if (connections == null) {
      throw OmniErrors.malformed(reply.status(), "a list of connections", OmniFailure.UNAVAILABLE);
    }
    return connections;
  }

  @Override
  public ObservedConnection get(String id) {
    requireV1("GET");
    Reply reply = exchange.execute(exchange.request(connectionUrl(id)).get().build(), List.of());
    ObservedConnection connection = OmniResponses.one(reply.json());
    if (connection == null) {
      throw OmniErrors.malformed(reply.status(), "a connection object", OmniFailure.UNAVAILABLE);
    }
    return connection;
  }

  @Override
  public String create(NewConnection request) {
    Objects.requireNonNull(request, "request");
    RequestBody body = OmniExchange.json(OmniRequestBodies.create(request));
    Request post = exchange.request(connectionsUrl).post(body).build();
    Reply reply = exchange.execute(post, OmniRequestBodies.secretValues(request.secrets()));
    String id = OmniResponses.createdId(reply.json());
    if (id == null) {
      // Terminal on purpose: the connection probably exists, and a retry would duplicate it.
      throw OmniErrors.malformed(
          reply.status(),
          "the new connection id; it may have been created: look it up by name before creating"
              + " again",
          OmniFailure.INVALID_REQUEST);
    }
    return id;
  }

  @Override
  public String patch(String id, ConnectionPatch request) {
    Objects.requireNonNull(request, "request");
    if (request.isEmpty()) {
      throw new IllegalArgumentException("PATCH of connection " + id + " has nothing to change");
    }
    RequestBody body = OmniExchange.json(OmniRequestBodies.patch(request));
    Request patch = exchange.request(connectionUrl(id)).patch(body).build();
    Reply reply = exchange.execute(patch, OmniRequestBodies.secretValues(request.secrets()));
    String message = OmniResponses.message(reply.json());
    if (message == null) {
      throw OmniErrors.malformed(reply.status(), "a JSON result", OmniFailure.UNAVAILABLE);
    }
    return message;
  }

  @Override
  public void delete(String id) {
    requireV1("DELETE");
    exchange.execute(exchange.request(connectionUrl(id)).delete().build(), List.of());
  }

  @Override
  public boolean supportsDelete() {
    return config.isV1();
  }

  /** Releases the connection pool and threads, when this client created its OkHttpClient. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "OkHttpOmniClient[" + config + "]";
  }

  private HttpUrl connectionUrl(String id) {
    return connectionsUrl
        .newBuilder()
        .addPathSegment(OmniExchange.segment(id, "connection"))
        .build();
  }

  private void requireV1(String method) {
    if (!config.isV1()) {
      throw new IllegalStateException(
          "Omni's beta API (/api/"
              + config.apiPrefix()
              + ") has no "
              + method
              + " /connections/{id} route; check supportsDelete() first, or use apiPrefix v1");
    }
  }

  private static void addQuery(HttpUrl.Builder url, String name, String value) {
    if (value != null) {
      url.addQueryParameter(name, value);
    }
  }
}
