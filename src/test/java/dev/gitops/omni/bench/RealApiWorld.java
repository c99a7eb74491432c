package dev.gitops.omni.bench;

import dev.gitops.omni.e2e.OperatorInstall;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver with the operator installed from deploy/ (OperatorInstall), N Secrets and N
 * OmniConnections written by the admin before the operator starts, and an informer (as the admin,
 * so not counted as the operator's) telling when each one became Ready. Secret values are random
 * per run and only ever compared, never printed.
 */
final class RealApiWorld implements AutoCloseable {
  /** Room for 16 writers and the operator's 20 reconcile threads on a server run by the bench. */
  static final Map<String, String> API_SERVER_FLAGS =
      Map.of("--max-requests-inflight", "800", "--max-mutating-requests-inflight", "400");

  final OperatorInstall install;
  final KubernetesClient writer;
  final Set<String> secretValues = ConcurrentHashMap.newKeySet();
  private final String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  ReadyTracker ready;

  RealApiWorld(int n) {
    // as the mock rows: Omni answers after 80 ms; no rate limit (the operator's budget is 6 000)
    SimulatorOptions omni =
        SimulatorOptions.defaults().toBuilder()
            .rateLimitPerMinute(0)
            .latency(Duration.ofMillis(80))
            .journalCapacity(12 * n + 20_000)
            .build();
    OperatorInstall started =
        OperatorInstall.start(
            Path.of("crds", "omniconnections.omni.gitops.dev-v1.yml"), omni, API_SERVER_FLAGS);
    try {
      started.withDeployManifests();
      Config admin = Config.fromKubeconfig(Files.readString(started.cluster().adminKubeconfig()));
      // room for the 16 writers: Fabric8 allows 5 requests per host at a time by default
      writer =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(admin)
                      .withMaxConcurrentRequests(64)
                      .withMaxConcurrentRequestsPerHost(64)
                      .build())
              .build();
      writer
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(Rig.NS).endMetadata().build())
          .create();
    } catch (java.io.IOException | RuntimeException | AssertionError e) {
      started.close();
      throw new IllegalStateException("setting up the cluster failed", e);
    }
    install = started;
  }

  /**
   * Writes N Secrets and N OmniConnections, {@code threads} at a time; returns how long it took.
   */
  Duration populate(int n, int threads, Duration atMost) throws Exception {
    long t = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = BenchResources.name(i);
        done.add(pool.submit(() -> writeBoth(name)));
      }
      long end = System.nanoTime() + atMost.toNanos();
      for (Future<?> f : done) {
        f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return Duration.ofNanos(System.nanoTime() - t);
  }

  /** The data of one unrelated Secret: about what Helm keeps for a small release. */
  static final int UNRELATED_BYTES = 4096;

  /**
   * Writes Secrets no OmniConnection references (Helm-release-like), {@code threads} at a time:
   * what the operator's Secrets cache must not grow with.
   */
  Duration populateUnrelated(int count, int threads, Duration atMost) throws Exception {
    long t = System.nanoTime();
    String blob = java.util.Base64.getEncoder().encodeToString(new byte[UNRELATED_BYTES]);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "sh.helm.release.v1.app-" + i + ".v1";
        var secret =
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(Rig.NS)
                .withLabels(Map.of("owner", "helm", "name", "app-" + i))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", blob))
                .build();
        done.add(
            pool.submit(
                () -> retry(() -> writer.secrets().inNamespace(Rig.NS).resource(secret).create())));
      }
      long end = System.nanoTime() + atMost.toNanos();
      for (Future<?> f : done) {
        f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return Duration.ofNanos(System.nanoTime() - t);
  }

  private void writeBoth(String name) {
    String value = "pw-" + salt + "-" + name;
    secretValues.add(value);
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name + "-pw")
            .withNamespace(Rig.NS)
            .endMetadata()
            .withStringData(Map.of("password", value))
            .build();
    retry(() -> writer.secrets().inNamespace(Rig.NS).resource(secret).create());
    var connection = BenchResources.resource(name, DeletionPolicy.Orphan, "VIEWER");
    retry(() -> writer.resources(OmniConnection.class).resource(connection).create());
  }

  /** A few tries against a busy server; an object that already exists was written by a try. */
  private static void retry(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt > 1) {
          return;
        }
        if (attempt >= 5) {
          throw e;
        }
        Polling.sleep(Duration.ofMillis(200L * attempt));
      }
    }
  }

  /** Starts tracking readiness; returns once the informer holds {@code n} resources. */
  boolean watch(int n, Duration atMost) {
    ready = new ReadyTracker(writer, dev.gitops.omni.e2e.OperatorInstall::ready);
    return Polling.waitFor(() -> ready.listed() == n, atMost, Duration.ofMillis(100));
  }

  @Override
  public void close() {
    if (ready != null) {
      ready.close();
    }
    writer.close();
    install.close();
  }
}
