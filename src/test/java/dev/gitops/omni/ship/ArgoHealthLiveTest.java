package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.LiveRig.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.operator.OmniOperator;
import dev.gitops.omni.operator.OperatorConfig;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.ship.ArgoHealth.Verdict;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check against status objects the real operator wrote: an embedded Kubernetes
 * API, the Omni simulator over HTTP and the operator between them (the rig of the operator
 * package's end-to-end tests, built here from the same public pieces).
 */
class ArgoHealthLiveTest {
  static final String NS = LiveRig.NS;
  static EmbeddedKubernetes kube;
  static KubernetesClient k8s;
  static OmniSimulator sim;
  static OkHttpOmniClient omni;
  static OmniOperator operator;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    k8s = kube.client();
    sim =
        OmniSimulator.start(SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build());
    OperatorConfig config =
        OperatorConfig.defaults(
                URI.create(sim.baseUrl()), SecretValue.of(SimulatorOptions.DEFAULT_TOKEN))
            .withRequestsPerMinute(6000);
    omni = LiveRig.omniClient(config);
    operator = OmniOperator.create(config, new OmniOperator.Wiring(k8s, omni, null, null, null));
    operator.start();
    LiveRig.createPasswordSecret(k8s);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (omni != null) {
      omni.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (kube != null) {
      kube.close();
    }
  }

  static OmniConnection get(String name) {
    return k8s.resources(OmniConnection.class).inNamespace(NS).withName(name).get();
  }

  static boolean has(OmniConnection r, String type, String status, String reason) {
    if (r == null || r.getStatus() == null || r.getStatus().conditions == null) {
      return false;
    }
    for (StatusCondition c : r.getStatus().conditions) {
      if (type.equals(c.getType())
          && status.equals(c.getStatus())
          && (reason == null || reason.equals(c.getReason()))) {
        return true;
      }
    }
    return false;
  }

  static boolean current(OmniConnection r) {
    return r.getStatus() != null
        && r.getMetadata().getGeneration().equals(r.getStatus().observedGeneration);
  }

  static OmniConnection awaitResource(String name, Predicate<OmniConnection> until) {
    await(name)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> until.test(get(name)));
    return get(name);
  }

  /** The resource as Argo CD sees it: the API server's JSON. */
  static JsonNode json(OmniConnection r) {
    return ChartRenderer.YAML.valueToTree(r);
  }

  static OmniConnection awaitReady(String name) {
    return awaitResource(name, r -> has(r, "Ready", "True", null) && current(r));
  }

  @Test
  void aReadyConnectionIsHealthyAndAStaleOneProgressing() {
    k8s.resource(postgres("ready", "pg")).create();
    OmniConnection r = awaitReady("ready");

    Verdict v = ArgoHealth.evaluate(json(r));
    assertThat(v.status()).isEqualTo("Healthy");
    assertThat(v.message()).contains("Available");

    ObjectNode edited = (ObjectNode) json(r);
    ((ObjectNode) edited.path("metadata")).put("generation", r.getMetadata().getGeneration() + 1);
    assertThat(ArgoHealth.evaluate(edited).status())
        .as("the spec changed and the operator has not looked yet")
        .isEqualTo("Progressing");
  }

  @Test
  void aMissingSecretIsDegradedNamingTheSecret() {
    k8s.resource(postgres("no-secret", "not-there")).create();
    OmniConnection r =
        awaitResource(
            "no-secret", c -> has(c, "Stalled", "True", "CredentialsNotFound") && current(c));

    Verdict v = ArgoHealth.evaluate(json(r));
    assertThat(v.status()).isEqualTo("Degraded");
    assertThat(v.message()).startsWith("CredentialsNotFound: ").contains("team/not-there");
  }

  @Test
  void aPausedConnectionIsSuspended() {
    k8s.resource(postgres("paused", "pg")).create();
    awaitReady("paused");
    // the operator writes the resource too: retry on a 409 until the annotation is in
    await("annotate paused")
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              k8s.resources(OmniConnection.class)
                  .inNamespace(NS)
                  .withName("paused")
                  .edit(
                      c -> {
                        var annotations = new java.util.HashMap<String, String>();
                        if (c.getMetadata().getAnnotations() != null) {
                          annotations.putAll(c.getMetadata().getAnnotations());
                        }
                        annotations.put(OmniConnection.PAUSED_ANNOTATION, "true");
                        c.getMetadata().setAnnotations(annotations);
                        return c;
                      });
              return true;
            });
    OmniConnection r = awaitResource("paused", c -> has(c, "Synced", "False", "Paused"));
    assertThat(has(r, "Ready", "True", null)).as("Ready is left as it was").isTrue();

    Verdict v = ArgoHealth.evaluate(json(r));
    assertThat(v.status()).isEqualTo("Suspended");
    assertThat(v.message()).contains("paused");
  }

  @Test
  void aConnectionRetryingThroughOmniErrorsIsProgressing() {
    k8s.resource(postgres("retrying", "pg")).create();
    awaitReady("retrying");
    sim.setError5xxRate(1.0);
    try {
      await("edit retrying")
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(
              () -> {
                k8s.resources(OmniConnection.class)
                    .inNamespace(NS)
                    .withName("retrying")
                    .edit(
                        c -> {
                          c.getSpec().baseRole = "QUERIER";
                          return c;
                        });
                return true;
              });
      OmniConnection r =
          awaitResource(
              "retrying", c -> has(c, "Reconciling", "True", "OmniUnavailable") && current(c));

      Verdict v = ArgoHealth.evaluate(json(r));
      assertThat(v.status()).isEqualTo("Progressing");
      assertThat(v.message()).startsWith("OmniUnavailable: ");
    } finally {
      sim.setError5xxRate(0.0);
    }
  }
}
