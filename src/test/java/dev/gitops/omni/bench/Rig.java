package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import dev.gitops.omni.simulator.SimulatorOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The world the operator under test lives in: the embedded Kubernetes API (Fabric8 mock, CRUD mode)
 * and the Omni simulator over loopback HTTP, with N OmniConnections that each reference their own
 * Secret. Tracks readiness through an informer; {@link InvariantCheck} checks the invariants (no
 * duplicate, every spec equal to Omni's state), {@link LeakScan} the captured text.
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
  private final BenchSecrets secrets = new BenchSecrets();
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

  /** Every secret value handed out (current and rotated), and the Omni token: for leak scans. */
  Set<String> secretsToHide() {
    return secrets.toHide(token);
  }

  /** Writes (creates or rotates) the resource's Secret with a new value. */
  Secret writeSecret(String resource) {
    return secrets.write(k8s, resource);
  }

  /** Whether Omni holds the resource's current password (compared inside the simulator). */
  boolean passwordCurrent(String resource, String connectionId) {
    String v = secrets.current(resource);
    return v != null && sim.secretMatches(connectionId, "passwordUnencrypted", v);
  }

  /** {@link #passwordCurrent}, for a connection of the simulator's {@code organisation}. */
  boolean passwordCurrent(String organisation, String resource, String connectionId) {
    String v = secrets.current(resource);
    return v != null
        && sim.organisation(organisation).secretMatches(connectionId, "passwordUnencrypted", v);
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
      Polling.sleep(Duration.ofMillis(20));
    }
    return null;
  }

  @Override
  public void close() {
    if (tracker != null) {
      tracker.close();
    }
    sim.close();
    kube.close();
  }
}
