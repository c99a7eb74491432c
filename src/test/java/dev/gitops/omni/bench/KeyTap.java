package dev.gitops.omni.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback forwarder between one Omni instance of the operator and the simulator: the instance's
 * {@code spec.url} points here, so its calls are counted by route and status on their own, even
 * when several instances use keys of one organisation (the simulator's journal knows the
 * organisation, not the key). Each request's key is compared with the instance's own key (never
 * kept, never printed): a request with another key counts as foreign.
 */
final class KeyTap implements AutoCloseable {
  /** One forwarded call: when it was answered, its route ({@code list, get, ...}), its status. */
  record Call(Instant at, String route, int status) {}

  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final String target;
  private final String expectedAuthorization;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(KeyTap::daemon);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicLong foreign = new AtomicLong();

  /** Forwards to {@code target} (the simulator's base URL); {@code key} is the instance's key. */
  KeyTap(String target, String key) {
    this.target = target;
    this.expectedAuthorization = "Bearer " + key;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      byte[] body = ex.getRequestBody().readAllBytes();
      HttpRequest.Builder out =
          HttpRequest.newBuilder(URI.create(target + ex.getRequestURI().toString()))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> out.header(name, v));
                }
              });
      if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        foreign.incrementAndGet();
      }
      String route = route(method, ex.getRequestURI().getPath());
      HttpResponse<byte[]> in;
      try {
        in = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        calls.add(new Call(Instant.now(), route, 0));
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        calls.add(new Call(Instant.now(), route, 0));
        ex.sendResponseHeaders(502, -1);
        return;
      }
      in.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  ex.getResponseHeaders().put(name, values);
                }
              });
      calls.add(new Call(Instant.now(), route, in.statusCode()));
      byte[] reply = in.body();
      ex.sendResponseHeaders(in.statusCode(), reply.length == 0 ? -1 : reply.length);
      if (reply.length > 0) {
        ex.getResponseBody().write(reply);
      }
    }
  }

  /** The simulator's route label of a request on {@code /api/{prefix}/connections[/{id}]}. */
  static String route(String method, String path) {
    String[] p = path.replaceAll("^/+|/+$", "").split("/");
    if (p.length < 3 || !p[0].equals("api") || !p[2].equals("connections")) {
      return "unknown";
    }
    boolean item = p.length == 4;
    return switch (method) {
      case "GET" -> item ? "get" : "list";
      case "POST" -> item ? "unknown" : "create";
      case "PATCH" -> item ? "patch" : "unknown";
      case "DELETE" -> item ? "delete" : "unknown";
      default -> "unknown";
    };
  }

  /** Every call answered so far, oldest first. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls answered from {@code from} (inclusive) to {@code to} (exclusive). */
  List<Call> calls(Instant from, Instant to) {
    return calls.stream().filter(c -> !c.at().isBefore(from) && c.at().isBefore(to)).toList();
  }

  /** Calls answered {@code status}, any route. */
  long countStatus(int status) {
    return calls.stream().filter(c -> c.status() == status).count();
  }

  /** Requests that did not carry this instance's own key. */
  long foreignKeys() {
    return foreign.get();
  }

  void clear() {
    calls.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "key-tap");
    t.setDaemon(true);
    return t;
  }
}
