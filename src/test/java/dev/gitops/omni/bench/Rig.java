package dev.gitops.omni.bench;

import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.SecretKeyRef;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import dev.gitops.omni.simulator.SimulatorOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The world the operator under test lives in: the embedded Kubernetes API (Fabric8 mock, CRUD mode)
 * and the Omni simulator over loopback HTTP, with N OmniConnections that each reference their own
 * Secret. Tracks readiness through an informer, and checks the invariants (no duplicate, every spec
 * equal to Omni's state, no secret in any captured text).
 *
 * <p>Secret values are random per run and are only ever compared, never printed.
 */
final class Rig implements AutoCloseable {
  static final String NS = "bench";
  static final String[] ROLES = {"VIEWER", "QUERIER", "MODELER", "RESTRICTED_QUERIER"};

  final EmbeddedKubernetes kube;
  final KubernetesClient k8s;
  final OmniSimulator sim;
  final String token;
  private final String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  private final Map<String, String> secretValues = new ConcurrentHashMap<>();
  private ReadyTracker tracker;

  /** Keeps the mock server's per-request INFO lines (java.util.logging) out of the output. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  Rig(SimulatorOptions options) {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    kube = EmbeddedKubernetes.start();
    k8s = kube.client();
    token = options.tokens().iterator().next();
    sim = OmniSimulator.start(options);
    k8s.namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .endMetadata()
                .build())
        .create();
  }

  /** Simulator options for a benchmark: the given latency and rate limit, a large journal. */
  static SimulatorOptionsBuilder simulator(int ratePerMinute, int n, long seed) {
    return SimulatorOptions.defaults().toBuilder()
        .tokens("bench-token-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)))
        .rateLimitPerMinute(ratePerMinute)
        .latency(Duration.ofMillis(80))
        .randomSeed(seed)
        .journalCapacity(Math.max(50_000, 12 * n + 20_000));
  }

  static String name(int i) {
    return String.format("conn-%05d", i);
  }

  /** A fresh secret value: unique per run and resource, never printed. */
  String newSecretValue(String resource) {
    return "pw-" + salt + "-" + resource + "-" + HexFormat.of().toHexDigits(System.nanoTime());
  }

  /** Every secret value handed out (current and rotated), and the Omni token: for leak scans. */
  Set<String> secretsToHide() {
    Set<String> all = ConcurrentHashMap.newKeySet();
    all.addAll(everSecret);
    all.add(token);
    return all;
  }

  private final Set<String> everSecret = ConcurrentHashMap.newKeySet();

  static OmniConnection resource(String name, DeletionPolicy policy, String role) {
    OmniConnection r = new OmniConnection();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NS)
            .withLabels(Map.of("bench", "true"))
            .build());
    OmniConnectionSpec s = new OmniConnectionSpec();
    s.dialect = Dialect.postgres;
    s.host = "db.internal";
    s.port = 5432;
    s.database = "db_" + name.replace('-', '_');
    s.username = "omni";
    s.baseRole = role;
    s.deletionPolicy = policy;
    s.passwordSecretRef = new SecretKeyRef(name + "-pw", "password");
    r.setSpec(s);
    return r;
  }

  /** Creates N Secrets and N OmniConnections, {@code threads} at a time. */
  void populate(int n, int threads, java.util.function.IntFunction<DeletionPolicy> policy) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        final int k = i;
        done.add(
            pool.submit(
                () -> {
                  String name = name(k);
                  writeSecret(name);
                  k8s.resources(OmniConnection.class)
                      .inNamespace(NS)
                      .resource(resource(name, policy.apply(k), "VIEWER"))
                      .create();
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("populating the API failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes (creates or rotates) the resource's Secret with a new value. */
  Secret writeSecret(String resource) {
    String value = newSecretValue(resource);
    everSecret.add(value);
    Secret s =
        new SecretBuilder()
            .withMetadata(
                new ObjectMetaBuilder().withName(resource + "-pw").withNamespace(NS).build())
            .withData(
                Map.of(
                    "password",
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
            .build();
    Secret written = k8s.secrets().inNamespace(NS).resource(s).createOr(c -> c.update());
    secretValues.put(resource, value);
    return written;
  }

  /** Whether Omni holds the resource's current password (compared inside the simulator). */
  boolean passwordCurrent(String resource, String connectionId) {
    String v = secretValues.get(resource);
    return v != null && sim.secretMatches(connectionId, "passwordUnencrypted", v);
  }

  // --- readiness ---------------------------------------------------------------------------

  /** Starts watching OmniConnections to learn when each one becomes Ready. */
  void watch() {
    tracker = new ReadyTracker(k8s, Rig::ready);
  }

  /** Ready=True for the current generation. */
  static boolean ready(OmniConnection r) {
    var s = r.getStatus();
    if (s == null || s.observedGeneration == null || s.connectionId == null) {
      return false;
    }
    return Objects.equals(s.observedGeneration, r.getMetadata().getGeneration())
        && s.conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  int readyCount() {
    return tracker.count();
  }

  /** The last moment a resource became Ready, of those Ready now. */
  Instant lastReady() {
    return tracker.last();
  }

  List<OmniConnection> cached() {
    return tracker.cached();
  }

  OmniConnection cached(String name) {
    return tracker.cached(name);
  }

  static boolean waitFor(BooleanSupplier condition, Duration atMost, Duration every) {
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(every);
    }
    return condition.getAsBoolean();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // --- edits --------------------------------------------------------------------------------

  /** Sets baseRole on one resource (retrying on a conflict); returns when the write returned. */
  void setRole(String name, String role) {
    for (int attempt = 0; ; attempt++) {
      try {
        k8s.resources(OmniConnection.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                r -> {
                  r.getSpec().baseRole = role;
                  return r;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 20) {
          throw e;
        }
      }
    }
  }

  /** The first journal entry at or after {@code since} that matches. */
  JournalEntry awaitCall(
      java.util.function.Predicate<JournalEntry> match, Instant since, Duration atMost) {
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      for (JournalEntry j : sim.journal()) {
        if (!j.timestamp().isBefore(since) && match.test(j)) {
          return j;
        }
      }
      sleep(Duration.ofMillis(20));
    }
    return null;
  }

  // --- invariants ---------------------------------------------------------------------------

  /** What the final state looks like, checked against the invariants. */
  record Check(
      int resources,
      int ready,
      int duplicateNames,
      int lostUpdates,
      int staleCredentials,
      int sharedIds,
      List<String> examples) {
    boolean ok() {
      return resources == ready
          && duplicateNames == 0
          && lostUpdates == 0
          && staleCredentials == 0
          && sharedIds == 0;
    }
  }

  /**
   * Compares every remaining resource with Omni: Ready for its generation; its connection live and
   * equal to the spec on name, dialect, baseRole and database; its password the Secret's current
   * value; no two live connections sharing a name; no two resources sharing a connection.
   */
  Check check(List<OmniConnection> resources) {
    List<String> examples = new ArrayList<>();
    Map<String, ConnectionSnapshot> byId = new HashMap<>();
    Map<String, Long> liveByName =
        sim.connections().stream()
            .peek(c -> byId.put(c.id(), c))
            .filter(c -> !c.archived())
            .collect(Collectors.groupingBy(ConnectionSnapshot::name, Collectors.counting()));
    int duplicates = 0;
    for (var e : liveByName.entrySet()) {
      if (e.getValue() > 1) {
        duplicates++;
        if (examples.size() < 10) {
          examples.add("duplicate name " + e.getKey() + " x" + e.getValue());
        }
      }
    }
    int ready = 0;
    int lost = 0;
    int stale = 0;
    Map<String, Integer> idUse = new HashMap<>();
    for (OmniConnection r : resources) {
      String name = r.getMetadata().getName();
      if (ready(r)) {
        ready++;
      } else if (examples.size() < 10) {
        examples.add("not ready " + name + ": " + describe(r));
      }
      String id = r.getStatus() == null ? null : r.getStatus().connectionId;
      if (id == null) {
        continue;
      }
      idUse.merge(id, 1, Integer::sum);
      ConnectionSnapshot c = byId.get(id);
      var spec = r.getSpec();
      boolean same =
          c != null
              && !c.archived()
              && r.omniName().equals(c.name())
              && spec.dialect.wire().equals(c.dialect())
              && Objects.equals(spec.baseRole, c.baseRole())
              && Objects.equals(spec.database, c.database());
      if (!same) {
        lost++;
        if (examples.size() < 10) {
          examples.add(
              "spec/Omni differ for "
                  + name
                  + ": spec role "
                  + spec.baseRole
                  + ", Omni "
                  + (c == null ? "missing" : c.baseRole() + (c.archived() ? " (archived)" : "")));
        }
      }
      if (c != null && !passwordCurrent(name, id)) {
        stale++;
        if (examples.size() < 10) {
          examples.add("stale credentials on " + name);
        }
      }
    }
    int shared = (int) idUse.values().stream().filter(v -> v > 1).count();
    return new Check(resources.size(), ready, duplicates, lost, stale, shared, examples);
  }

  private static String describe(OmniConnection r) {
    if (r.getStatus() == null) {
      return "no status";
    }
    return r.getStatus().conditions.stream()
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> c.getType() + "/" + c.getReason())
        .collect(Collectors.joining(","));
  }

  /**
   * Omni calls spent per resource (lists excluded, they serve everyone). A create is attributed by
   * the name it asked for, whatever the answer (429, 5xx, dropped, 201); every other call through
   * its connection id. {@code extra} is what a resource spent beyond one create and one call per
   * change made to it (spec edit or Secret rotation): the retries the faults cost it. Calls that
   * name no known connection (e.g. a GET of an id Omni never had) are counted apart.
   */
  record Attribution(
      int max,
      String maxResource,
      double mean,
      long unattributed,
      int maxExtra,
      String maxExtraResource) {}

  Attribution callsPerResource(List<JournalEntry> journal, Map<String, Integer> changes) {
    Map<String, String> nameOf = new HashMap<>();
    sim.connections().forEach(c -> nameOf.put(c.id(), c.name()));
    Map<String, Integer> per = new HashMap<>();
    long unattributed = 0;
    for (JournalEntry j : journal) {
      if ("list".equals(j.route())) {
        continue;
      }
      String name = j.name() != null ? j.name() : nameOf.get(j.connectionId());
      if (name == null) {
        unattributed++;
      } else {
        per.merge(name, 1, Integer::sum);
      }
    }
    var max = per.entrySet().stream().max(Map.Entry.comparingByValue());
    var extra =
        per.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - 1 - changes.getOrDefault(e.getKey(), 0)))
            .max(Map.Entry.comparingByValue());
    double mean = per.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    return new Attribution(
        max.map(Map.Entry::getValue).orElse(0),
        max.map(Map.Entry::getKey).orElse("-"),
        mean,
        unattributed,
        extra.map(Map.Entry::getValue).orElse(0),
        extra.map(Map.Entry::getKey).orElse("-"));
  }

  /** Kubernetes-side text the operator wrote: events, status messages, annotations. */
  String kubernetesText() {
    StringBuilder b = new StringBuilder();
    k8s.v1()
        .events()
        .inNamespace(NS)
        .list()
        .getItems()
        .forEach(e -> b.append(e.getReason()).append(' ').append(e.getMessage()).append('\n'));
    k8s.resources(OmniConnection.class)
        .inNamespace(NS)
        .list()
        .getItems()
        .forEach(
            r -> {
              b.append(r.getMetadata().getAnnotations()).append('\n');
              if (r.getStatus() != null) {
                b.append(Serialization.json(r.getStatus())).append('\n');
              }
            });
    return b.toString();
  }

  /** How many of {@code secrets} appear in {@code text}. */
  static int leaks(String text, Set<String> secrets) {
    int n = 0;
    for (String s : secrets) {
      if (text.contains(s)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    if (tracker != null) {
      tracker.close();
    }
    sim.close();
    kube.close();
  }

  /** Jackson serialisation through Fabric8's mapper. */
  static final class Serialization {
    private Serialization() {}

    static String json(Object o) {
      return io.fabric8.kubernetes.client.utils.Serialization.asJson(o);
    }
  }
}
