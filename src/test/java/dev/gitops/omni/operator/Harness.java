package dev.gitops.omni.operator;

import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One end-to-end rig: an embedded Kubernetes API (Fabric8 mock, CRUD mode), the Omni simulator over
 * HTTP, and the real operator between them.
 */
final class Harness implements AutoCloseable {
  static final String NS = "team";

  final EmbeddedKubernetes kube;
  final KubernetesClient k8s;
  final OmniSimulator sim;
  final OkHttpOmniClient omniClient;
  final OperatorConfig config;
  OmniOperator operator;

  Harness(SimulatorOptions options, UnaryOperator<OperatorConfig> tweak) {
    kube = EmbeddedKubernetes.start();
    k8s = kube.client();
    sim = OmniSimulator.start(options);
    config =
        tweak.apply(
            OperatorConfig.defaults(
                    URI.create(sim.baseUrl()), SecretValue.of(SimulatorOptions.DEFAULT_TOKEN))
                .withRequestsPerMinute(6000));
    omniClient =
        new OkHttpOmniClient(
            new OmniClientConfig(
                config.omniUrl().toString(),
                config.apiPrefix(),
                config.token(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                null));
  }

  Harness() {
    this(SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build(), c -> c);
  }

  /** A started rig (no Omni rate limit) with the Secret that {@link #postgres} refers to. */
  static Harness startedWithPostgresSecret() {
    Harness h = new Harness().start();
    h.secret("pg", "password", "pw-1");
    return h;
  }

  Harness start() {
    operator =
        OmniOperator.create(config, new OmniOperator.Wiring(k8s, omniClient, null, null, null));
    operator.start();
    return this;
  }

  // --- resources -------------------------------------------------------------------------

  static OmniConnection postgres(String name) {
    OmniConnection r = new OmniConnection();
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    OmniConnectionSpec s = new OmniConnectionSpec();
    s.dialect = dev.gitops.omni.model.Dialect.postgres;
    s.host = "db.internal";
    s.port = 5432;
    s.database = "analytics";
    s.username = "omni";
    s.baseRole = "VIEWER";
    s.passwordSecretRef = new dev.gitops.omni.model.SecretKeyRef("pg", "password");
    r.setSpec(s);
    return r;
  }

  OmniConnection apply(OmniConnection r) {
    return k8s.resources(OmniConnection.class)
        .inNamespace(NS)
        .resource(r)
        .createOr(c -> c.update());
  }

  OmniConnection get(String name) {
    return k8s.resources(OmniConnection.class).inNamespace(NS).withName(name).get();
  }

  /** Edits like a user would; retries when the operator wrote in between (409). */
  OmniConnection edit(String name, Consumer<OmniConnection> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return k8s.resources(OmniConnection.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                r -> {
                  change.accept(r);
                  return r;
                });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  void delete(String name) {
    k8s.resources(OmniConnection.class).inNamespace(NS).withName(name).delete();
  }

  Secret secret(String name, String key, String value) {
    Secret s =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .withData(
                Map.of(
                    key,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
            .build();
    return k8s.secrets().inNamespace(NS).resource(s).createOr(c -> c.update());
  }

  // --- observations -------------------------------------------------------------------------

  Optional<StatusCondition> condition(String name, String type) {
    OmniConnection r = get(name);
    if (r == null || r.getStatus() == null) {
      return Optional.empty();
    }
    return r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  boolean is(String name, String type, String status) {
    return condition(name, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }

  OmniConnection awaitReady(String name) {
    await("Ready " + name)
        .atMost(Duration.ofSeconds(20))
        .until(() -> is(name, "Ready", "True") && generationObserved(name));
    return get(name);
  }

  boolean generationObserved(String name) {
    OmniConnection r = get(name);
    return r.getStatus() != null
        && r.getStatus().observedGeneration != null
        && r.getStatus().observedGeneration.equals(r.getMetadata().getGeneration());
  }

  StatusCondition awaitStalled(String name, String reason) {
    await("Stalled " + reason + " " + name)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                condition(name, "Stalled")
                    .map(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason()))
                    .orElse(false));
    return condition(name, "Stalled").orElseThrow();
  }

  List<Event> events(String name) {
    return k8s.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  List<JournalEntry> calls(String route) {
    return sim.journal().stream().filter(j -> route.equals(j.route())).toList();
  }

  long writes() {
    return sim.journal().stream()
        .filter(j -> List.of("create", "patch", "delete").contains(j.route()))
        .count();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    omniClient.close();
    sim.close();
    kube.close();
  }
}
