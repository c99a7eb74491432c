package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful in-process Omni connections API on a loopback port, serving {@code
 * /api/v1/connections} and {@code /api/unstable/connections} from one store. Start it with {@link
 * #start(SimulatorOptions)}, point a client at {@link #baseUrl()}, and close it when done.
 *
 * <p>Besides the API it offers runtime fault controls (429 bursts, 5xx rate, dropped creates,
 * latency), request counters and a journal that records body key names but never values, and store
 * inspection that tells whether secrets are stored but never what they are.
 */
public final class OmniSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OmniSimulator.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs add ~40 ms to keep-alive requests. Read once, when the server class first loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorOptions options;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ConnectionStore store = new ConnectionStore();
  private final CreateValidator validator;
  private final FaultInjector faults;
  private final RateLimiter limiter;
  private final RequestCounters counters = new RequestCounters();
  private final RequestJournal journal;

  private OmniSimulator(SimulatorOptions options) throws IOException {
    this.options = options;
    this.validator = new CreateValidator(options.customRoles());
    this.faults = new FaultInjector(options);
    this.limiter =
        new RateLimiter(options.rateLimitPerMinute(), options.rateLimitWindow(), System::nanoTime);
    this.journal = new RequestJournal(options.journalCapacity());
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port());
    this.server = HttpServer.create(address, 64);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "omni-simulator-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/", new SimulatorHandler(options, store, faults, limiter, counters, journal));
    server.start();
  }

  /** Starts a simulator; the port is bound when this returns. */
  public static OmniSimulator start(SimulatorOptions options) {
    try {
      OmniSimulator sim = new OmniSimulator(options);
      LOG.info("Omni simulator listening on {} (seed {})", sim.baseUrl(), options.randomSeed());
      return sim;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the Omni simulator on port " + options.port(), e);
    }
  }

  /** Starts a simulator with {@link SimulatorOptions#defaults()}. */
  public static OmniSimulator start() {
    return start(SimulatorOptions.defaults());
  }

  /** The instance URL, like {@code http://127.0.0.1:PORT} (without {@code /api}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The connections endpoint of one API prefix: {@code baseUrl()/api/{api}/connections}. */
  public String connectionsUrl(String api) {
    return baseUrl() + "/api/" + api + "/connections";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorOptions options() {
    return options;
  }

  /** Stops serving at once; open connections are closed. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- runtime fault controls ----

  /** The next {@code n} authenticated requests answer 429, whatever the rate limit says. */
  public void injectRateLimitBurst(int n) {
    faults.injectRateLimitBurst(n);
  }

  /**
   * Cancels what is left of injected 429 bursts (so they are not served after a test stopped its
   * faults) and returns how many slots were still unserved.
   */
  public int cancelRateLimitBurst() {
    return faults.cancelRateLimitBurst();
  }

  public void setError5xxRate(double rate) {
    faults.setError5xxRate(rate);
  }

  public void setDropCreateRate(double rate) {
    faults.setDropCreateRate(rate);
  }

  public void setLatency(Latency latency) {
    faults.setLatency(latency);
  }

  public void setLatency(Duration fixed) {
    faults.setLatency(Latency.fixed(fixed));
  }

  /** Changes the per-token limit (0 = unlimited); requests already in the window still count. */
  public void setRateLimitPerMinute(int limit) {
    limiter.setLimit(limit);
  }

  // ---- observability ----

  /** Requests answered on a route ({@code list, get, create, patch, delete}) with a status. */
  public long count(String route, int status) {
    return counters.count(Route.fromLabel(route), status);
  }

  /** Requests on a route, any status (dropped creates included). */
  public long count(String route) {
    return counters.count(Route.fromLabel(route));
  }

  public long totalRequests() {
    return counters.total();
  }

  public void resetCounters() {
    counters.reset();
  }

  /** The recent requests, oldest first (at most {@link SimulatorOptions#journalCapacity()}). */
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  public void clearJournal() {
    journal.clear();
  }

  // ---- store inspection and set-up ----

  /** Every stored connection, archived ones included, in creation order. No secret values. */
  public List<ConnectionSnapshot> connections() {
    return store.snapshots();
  }

  public Optional<ConnectionSnapshot> connection(String id) {
    return store.snapshot(id);
  }

  /**
   * Whether the connection's stored secret {@code field} ({@code passwordUnencrypted}, {@code
   * privateKey}, {@code oauthClientSecretUnencrypted}) equals {@code candidate}. Lets a test check
   * a rotation without the simulator ever handing out a secret.
   */
  public boolean secretMatches(String id, String field, String candidate) {
    return store.secretMatches(id, field, candidate);
  }

  /**
   * Pre-creates a connection, as if it had been made earlier in Omni's UI, and returns its id. The
   * body is a create body validated like a POST; it may also carry {@code id} (a fixed id, for
   * adoption tests) and {@code environmentUserAttribute}. Seeds are visible at once, and their
   * attribute values are not checked for uniqueness. Throws {@link IllegalArgumentException} with
   * Omni's detail when the body is invalid.
   */
  public String seed(Map<String, ?> createBody) {
    ObjectNode body = JsonBodies.MAPPER.valueToTree(createBody);
    try {
      ValidatedCreate spec = validator.validate(body);
      EnvironmentChange env = EnvironmentChange.parse(body);
      if (env.sent() && env.name() != null) {
        spec = spec.withAttribute(env.name(), env.values());
      }
      JsonNode id = body.get("id");
      return store.create(id == null ? null : id.asText(), spec, Duration.ZERO);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.detail());
    }
  }

  /** Archives a connection directly (as the UI would): 404 and 410 rules do not apply here. */
  public void archive(String id) {
    try {
      store.archive(id, false);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.detail() + ": " + id);
    }
  }
}
