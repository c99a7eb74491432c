package dev.gitops.omni.ship;

import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.operator.OmniOperator;
import dev.gitops.omni.operator.OperatorConfig;
import dev.gitops.omni.operator.OperatorMetrics;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code /metrics} shows after the real operator has done each thing a dashboard panel counts:
 * the operator runs in-process (an embedded Kubernetes API, the Omni simulator over HTTP) on the
 * registry {@code run} serves ({@link OperatorMetrics#prometheusRegistry()}, JVM binders included).
 * Meters that appear only once their event happens are driven there for real: a list that finds a
 * connection new in Omni (poll-triggered reconciles), a reconcile that throws (JOSDK's failure
 * counters) and a call the request budget holds back (the wait timer). No network beyond loopback.
 */
final class LiveMetrics {
  static final String NS = LiveRig.NS;

  private LiveMetrics() {}

  /** The sample names of the scrape: {@code name{labels} value} lines, without the labels. */
  static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  static String scrape() {
    PrometheusMeterRegistry registry = OperatorMetrics.prometheusRegistry();
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start();
        OmniSimulator sim =
            OmniSimulator.start(
                SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build())) {
      KubernetesClient k8s = kube.client();
      // made in Omni's UI: the operator's first list finds it new, and the poller counts the
      // reconciles that change triggers
      sim.seed(Map.of("dialect", "postgres", "name", "made-in-omni", "passwordUnencrypted", "x"));
      // at most 3 calls in any 61 s: the first list, one create, one failing create; the failing
      // one's retry is held back
      OperatorConfig config =
          OperatorConfig.defaults(
                  URI.create(sim.baseUrl()), SecretValue.of(SimulatorOptions.DEFAULT_TOKEN))
              .withRequestsPerMinute(4);
      AtomicBoolean createsThrow = new AtomicBoolean();
      try (OkHttpOmniClient http = LiveRig.omniClient(config)) {
        OmniOperator operator =
            OmniOperator.create(
                config,
                new OmniOperator.Wiring(
                    k8s,
                    new ThrowingCreates(http, createsThrow),
                    new OperatorMetrics(registry),
                    null,
                    null));
        operator.start();
        try {
          LiveRig.createPasswordSecret(k8s);
          k8s.resource(LiveRig.postgres("ready", "pg")).create();
          await("ready is Ready").atMost(Duration.ofSeconds(30)).until(() -> ready(k8s, "ready"));
          createsThrow.set(true);
          k8s.resource(LiveRig.postgres("failing", "pg")).create();
          await("a failed reconcile and a call held back by the request budget")
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      sampleNames(registry.scrape())
                          .containsAll(
                              List.of(
                                  "operator_sdk_reconciliations_failed_total",
                                  "omni_operator_rate_limiter_wait_seconds_count",
                                  "omni_operator_poll_triggered_reconciles_total")));
          System.gc();
          await("a GC pause recorded")
              .atMost(Duration.ofSeconds(10))
              .until(() -> sampleNames(registry.scrape()).contains("jvm_gc_pause_seconds_count"));
          return registry.scrape();
        } finally {
          operator.close();
        }
      }
    }
  }

  private static boolean ready(KubernetesClient k8s, String name) {
    OmniConnection r = k8s.resources(OmniConnection.class).inNamespace(NS).withName(name).get();
    return r != null
        && r.getStatus() != null
        && r.getStatus().conditions != null
        && r.getStatus().conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Omni's client, whose creates throw what no failure policy expects once told to. */
  private record ThrowingCreates(OmniClient delegate, AtomicBoolean on) implements OmniClient {
    @Override
    public List<ObservedConnection> list(ListFilter filter) {
      return delegate.list(filter);
    }

    @Override
    public ObservedConnection get(String id) {
      return delegate.get(id);
    }

    @Override
    public String create(NewConnection connection) {
      if (on.get()) {
        throw new IllegalStateException("a create that fails outside Omni's error handling");
      }
      return delegate.create(connection);
    }

    @Override
    public String patch(String id, ConnectionPatch patch) {
      return delegate.patch(id, patch);
    }

    @Override
    public void delete(String id) {
      delegate.delete(id);
    }

    @Override
    public boolean supportsDelete() {
      return delegate.supportsDelete();
    }
  }
}
