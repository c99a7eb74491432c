package dev.gitops.omni.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.ship.ArgoHealth.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Argo CD health check against every row of the README's status table ("With Argo CD or Flux"),
 * against what the operator's own StatusBuilder writes for each outcome, and the argocd-cm copy.
 */
class ArgoHealthCheckTest {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static ObjectNode resource(long generation, Long observed, String... conditions) {
    ObjectNode r = JSON.objectNode();
    r.put("apiVersion", "omni.gitops.dev/v1alpha1");
    r.put("kind", "OmniConnection");
    r.putObject("metadata")
        .put("name", "sales")
        .put("namespace", "team")
        .put("generation", generation);
    ObjectNode status = r.putObject("status");
    if (observed != null) {
      status.put("observedGeneration", observed);
    }
    ArrayNode list = status.putArray("conditions");
    for (String c : conditions) {
      // "Type=Status/Reason"
      String[] typeRest = c.split("=", 2);
      String[] statusReason = typeRest[1].split("/", 2);
      list.addObject()
          .put("type", typeRest[0])
          .put("status", statusReason[0])
          .put("reason", statusReason[1])
          .put(
              "message",
              statusReason[0].equals("True") ? "the " + statusReason[1] + " message" : "")
          .put("observedGeneration", observed == null ? generation : observed)
          .put("lastTransitionTime", "2025-01-01T00:00:00Z");
    }
    return r;
  }

  /** One row of the table: Ready, Synced, Reconciling, Stalled and the reason they carry. */
  static Verdict row(
      String ready, String synced, String reconciling, String stalled, String reason) {
    return ArgoHealth.evaluate(
        resource(
            2,
            2L,
            "Ready=" + ready + "/" + reason,
            "Synced=" + synced + "/" + reason,
            "Reconciling=" + reconciling + "/" + reason,
            "Stalled=" + stalled + "/" + reason));
  }

  @ParameterizedTest(name = "{4}: Ready={0} Synced={1} Reconciling={2} Stalled={3} -> {5}")
  @CsvSource(
      textBlock =
          """
          # matches Omni
          True,  True,  False, False, Available,           Healthy
          # in flight or retrying (Creating, Adopting, Replacing: plan reasons, kept as inputs)
          False, False, True,  False, Creating,            Progressing
          False, False, True,  False, Updating,            Progressing
          False, False, True,  False, Adopting,            Progressing
          False, False, True,  False, Replacing,           Progressing
          False, False, True,  False, Deleting,            Progressing
          # retryable failure: Ready False, or its last known value
          False, False, True,  False, RateLimited,         Progressing
          False, False, True,  False, OmniUnavailable,     Progressing
          True,  False, True,  False, RateLimited,         Progressing
          True,  False, True,  False, OmniUnavailable,     Progressing
          False, False, True,  False, NotFound,            Progressing
          # needs a human
          False, False, False, True,  InvalidSpec,         Degraded
          False, False, False, True,  CredentialsNotFound, Degraded
          False, False, False, True,  InvalidCredentials,  Degraded
          False, False, False, True,  OmniRejected,        Degraded
          False, False, False, True,  PermissionDenied,    Degraded
          False, False, False, True,  Conflict,            Degraded
          False, False, False, True,  ConnectionNotFound,  Degraded
          False, False, False, True,  ReplacementRequired, Degraded
          False, False, False, True,  DriftDetected,       Degraded
          # paused by annotation: Ready unchanged
          True,  False, False, False, Paused,              Suspended
          False, False, False, False, Paused,              Suspended
          Unknown, False, False, False, Paused,            Suspended
          # observe-only, matching / differing
          True,  True,  False, False, ObserveOnly,         Healthy
          False, False, False, True,  DriftDetected,       Degraded
          # Ready False with nothing in flight and nothing stalled: kstatus says InProgress
          False, False, False, False, Available,           Progressing
          """)
  void everyRowOfTheStatusConditionsTable(
      String ready, String synced, String reconciling, String stalled, String reason, String want) {
    Verdict v = row(ready, synced, reconciling, stalled, reason);
    assertThat(v.status()).isEqualTo(want);
    if (want.equals("Degraded") || want.equals("Progressing") && reconciling.equals("True")) {
      assertThat(v.message()).contains(reason).contains("the " + reason + " message");
    }
  }

  @Test
  void aStalledResourceIsDegradedWithItsMessage() {
    ObjectNode r =
        resource(1, 1L, "Ready=False/CredentialsNotFound", "Stalled=True/CredentialsNotFound");
    ((ObjectNode) r.at("/status/conditions/1"))
        .put("message", "Secret team/pg not found: create it with key 'password'");
    Verdict v = ArgoHealth.evaluate(r);
    assertThat(v.status()).isEqualTo("Degraded");
    assertThat(v.message())
        .isEqualTo("CredentialsNotFound: Secret team/pg not found: create it with key 'password'");
  }

  @Test
  void noStatusYetIsProgressing() {
    ObjectNode r = resource(1, null);
    r.remove("status");
    assertThat(ArgoHealth.evaluate(r).status()).isEqualTo("Progressing");
    assertThat(ArgoHealth.evaluate(resource(1, null)).status())
        .as("status without conditions")
        .isEqualTo("Progressing");
  }

  @ParameterizedTest(name = "stale status with {0}")
  @ValueSource(
      strings = {
        "Ready=True/Available",
        "Stalled=True/InvalidSpec",
        "Synced=False/Paused",
        "Reconciling=True/Creating"
      })
  void aStatusForAnOlderGenerationIsProgressing(String condition) {
    Verdict v = ArgoHealth.evaluate(resource(3, 2L, condition));
    assertThat(v.status()).isEqualTo("Progressing");
    assertThat(v.message()).contains("generation 3");
    ObjectNode noObserved = resource(3, 3L, "Ready=True/Available");
    ((ObjectNode) noObserved.path("status")).remove("observedGeneration");
    assertThat(ArgoHealth.evaluate(noObserved).status()).isEqualTo("Progressing");
  }

  @Test
  void aReadyConditionFromAnOlderGenerationIsProgressing() {
    ObjectNode r = resource(4, 4L, "Ready=True/Available");
    ((ObjectNode) r.at("/status/conditions/0")).put("observedGeneration", 3);
    assertThat(ArgoHealth.evaluate(r).status()).isEqualTo("Progressing");
  }

  /** What the operator's StatusBuilder really writes for each kind of outcome. */
  @ParameterizedTest
  @EnumSource(Outcome.State.class)
  void everyOutcomeTheOperatorWritesMapsToItsArgoStatus(Outcome.State state) {
    Outcome o =
        new Outcome(
            state, state == Outcome.State.PAUSED ? Reason.PAUSED : Reason.OMNI_REJECTED, "why");
    for (List<StatusCondition> previous :
        List.of(
            List.<StatusCondition>of(),
            StatusBuilder.conditions(
                List.of(), 5, Outcome.ready(Reason.AVAILABLE, "ok"), Instant.EPOCH))) {
      List<StatusCondition> conditions =
          StatusBuilder.conditions(previous, 5, o, Instant.parse("2025-01-01T00:00:00Z"));
      ObjectNode r = resource(5, 5L);
      ((ObjectNode) r.path("status")).set("conditions", ChartRenderer.YAML.valueToTree(conditions));
      Verdict v = ArgoHealth.evaluate(r);
      String want =
          switch (state) {
            case READY -> "Healthy";
            case IN_PROGRESS, RETRYING -> "Progressing";
            case STALLED -> "Degraded";
            case PAUSED -> "Suspended";
          };
      assertThat(v.status()).as("%s after %s", state, previous).isEqualTo(want);
      if (state == Outcome.State.STALLED || state == Outcome.State.PAUSED) {
        assertThat(v.message()).contains("why");
      }
    }
  }

  @Test
  void theArgocdCmSnippetCarriesHealthLuaVerbatim() throws IOException {
    JsonNode cm = ChartRenderer.YAML.readTree(Path.of("deploy/argocd/argocd-cm.yaml").toFile());
    assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(cm.at("/metadata/name").asText()).isEqualTo("argocd-cm");
    JsonNode script =
        cm.path("data").path("resource.customizations.health.omni.gitops.dev_OmniConnection");
    assertThat(script.isTextual())
        .as("the health key of group omni.gitops.dev, kind OmniConnection")
        .isTrue();
    assertThat(script.asText()).isEqualTo(ArgoHealth.script());
  }
}
