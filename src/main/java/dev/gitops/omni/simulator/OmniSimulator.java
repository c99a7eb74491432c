package dev.gitops.omni.simulator;

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
 * /api/v1/connections} and {@code /api/unstable/connections}, a connection's schedules ({@code v1})
 * and connection environments from one store per organisation (the token picks it; see {@link
 * Organisations}). Start it with {@link #start(SimulatorOptions)}, point a client at {@link
 * #baseUrl()}, and close it when done.
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
  private final Tenancy tenancy;
  private final FaultInjector faults;
  private final RateLimiter limiter;
  private final RequestCounters counters = new RequestCounters();
  private final RequestJournal journal;

  private OmniSimulator(SimulatorOptions options) throws IOException {
    this.options = options;
    this.faults = new FaultInjector(options);
    this.limiter =
        new RateLimiter(options.rateLimitPerMinute(), options.rateLimitWindow(), System::nanoTime);
    this.journal = new RequestJournal(options.journalCapacity());
    this.tenancy = new Tenancy(options, journal);
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
        "/", new SimulatorHandler(options, tenancy, faults, limiter, counters, journal));
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

  /** Requests answered on a route ({@code list}, {@code schedule-create}...) with a status. */
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

  /**
   * The recent requests of every organisation, oldest first (at most {@link
   * SimulatorOptions#journalCapacity()}); {@link Organisation#journal()} has one organisation's.
   */
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  public void clearJournal() {
    journal.clear();
  }

  // ---- store inspection and set-up ----

  /**
   * An organisation, to inspect or seed its connections: {@link Organisations#DEFAULT} (the one of
   * {@link SimulatorOptions#tokens()}) or a configured one. Throws {@link IllegalArgumentException}
   * for an unknown name.
   */
  public Organisation organisation(String name) {
    return tenancy.named(name);
  }

  /** The organisations' names, the default one first. */
  public List<String> organisations() {
    return tenancy.names();
  }

  /** {@code organisation(name).connections()}. */
  public List<ConnectionSnapshot> connections(String organisation) {
    return organisation(organisation).connections();
  }

  /** {@code organisation(name).schedules(connectionId)}. */
  public List<ScheduleSnapshot> schedules(String organisation, String connectionId) {
    return organisation(organisation).schedules(connectionId);
  }

  /** {@code organisation(name).environments()}. */
  public List<EnvironmentSnapshot> environments(String organisation) {
    return organisation(organisation).environments();
  }

  // the default organisation's, as before organisations existed

  /** The default organisation's {@link Organisation#connections() connections}. */
  public List<ConnectionSnapshot> connections() {
    return defaults().connections();
  }

  public Optional<ConnectionSnapshot> connection(String id) {
    return defaults().connection(id);
  }

  /** See {@link Organisation#secretMatches}; in the default organisation. */
  public boolean secretMatches(String id, String field, String candidate) {
    return defaults().secretMatches(id, field, candidate);
  }

  /** See {@link Organisation#seed}; in the default organisation. */
  public String seed(Map<String, ?> createBody) {
    return defaults().seed(createBody);
  }

  /** See {@link Organisation#archive}; in the default organisation. */
  public void archive(String id) {
    defaults().archive(id);
  }

  private Organisation defaults() {
    return tenancy.named(Organisations.DEFAULT);
  }
}
