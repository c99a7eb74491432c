package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Edits reach Omni through the shipped jar on a real API server, installed from deploy/ (see {@link
 * DeployedOperator}): a spec edit and a Secret rotation PATCH, the paused annotation holds every
 * write, a GitOps applier server-side applying again and again never conflicts. Each test works in
 * a namespace of its own.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorEditsOnApiServerIT {
  @RegisterExtension static final DeployedOperator deployed = new DeployedOperator();

  @Test
  void aSpecEditIsPatchedIntoOmni() {
    deployed.apply(
        Manifests.namespace("edits") + "---\n" + Manifests.postgres("edits", "sales", "pw-1", ""));
    deployed.install().awaitReady("edits", "sales");
    String id = deployed.connectionId("edits", "sales");

    deployed.kubectl().setBaseRole("edits", "sales", "QUERIER");

    await("PATCH of baseRole")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                deployed.calls("PATCH", id).stream()
                    .anyMatch(e -> e.bodyKeys().contains("baseRole")));
    deployed.install().awaitReady("edits", "sales");
    assertThat(deployed.inOmni(id).baseRole()).isEqualTo("QUERIER");
    assertThat(deployed.install().omni().journal())
        .filteredOn(e -> e.method().equals("POST") && "edits sales".equals(e.name()))
        .as("one create, no second one")
        .hasSize(1);
  }

  @Test
  void aRotatedSecretIsPatchedIntoOmni() {
    deployed.apply(
        Manifests.namespace("rotation")
            + "---\n"
            + Manifests.postgres("rotation", "sales", "pw-1", ""));
    deployed.install().awaitReady("rotation", "sales");
    String id = deployed.connectionId("rotation", "sales");
    assertThat(deployed.inOmni(id).credentialsGeneration()).isZero();

    deployed.kubectl().setPassword("rotation", "sales-credentials", "pw-2");

    await("password rotated in Omni")
        .atMost(Duration.ofSeconds(30))
        .until(() -> deployed.inOmni(id).credentialsGeneration() == 1);
    assertThat(deployed.install().omni().secretMatches(id, "passwordUnencrypted", "pw-2")).isTrue();
    deployed.install().awaitReady("rotation", "sales");
  }

  @Test
  void thePausedAnnotationHoldsEveryWriteUntilItIsRemoved() {
    deployed.apply(
        Manifests.namespace("paused") + "---\n" + Manifests.postgres("paused", "sales", "pw", ""));
    deployed.install().awaitReady("paused", "sales");
    String id = deployed.connectionId("paused", "sales");
    deployed
        .kubectl()
        .run("-n", "paused", "annotate", "omniconnection", "sales", "omni.gitops.dev/paused=true")
        .ok();

    deployed.kubectl().setBaseRole("paused", "sales", "QUERIER");
    await("Synced=False Paused for the edit")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              OmniConnection c = deployed.install().get("paused", "sales");
              return c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)
                  && OperatorInstall.condition(c, "Synced")
                      .map(s -> "Paused".equals(s.getReason()))
                      .orElse(false);
            });
    await("no PATCH while paused")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(8))
        .until(() -> deployed.calls("PATCH", id).isEmpty());

    deployed
        .kubectl()
        .run("-n", "paused", "annotate", "omniconnection", "sales", "omni.gitops.dev/paused-")
        .ok();

    await("PATCH once resumed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !deployed.calls("PATCH", id).isEmpty());
    deployed.install().awaitReady("paused", "sales");
    assertThat(deployed.inOmni(id).baseRole()).isEqualTo("QUERIER");
  }

  @Test
  void aGitOpsApplierServerSideApplyingAgainAndAgainNeverConflicts() throws Exception {
    deployed.kubectl().runWithInput(Manifests.namespace("gitops"), "apply", "-f", "-").ok();
    String v1 =
        Manifests.postgres("gitops", "sales", "pw", "")
            + "---\n"
            + Manifests.postgres("gitops", "finance", "pw", "deletionPolicy: Delete");

    deployed.serverSideApply(v1).ok();
    deployed
        .kubectl()
        .run(
            "-n",
            "gitops",
            "wait",
            "--for=condition=Ready",
            "omniconnection/sales",
            "omniconnection/finance",
            "--timeout=90s")
        .ok();
    for (int i = 0; i < 3; i++) {
      var again = deployed.serverSideApply(v1);
      assertThat(again.exitCode()).as("re-apply %d: %s", i, again.err()).isZero();
      assertThat(again.err()).doesNotContainIgnoringCase("conflict");
    }

    for (String name : List.of("sales", "finance")) {
      OmniConnection c = deployed.install().get("gitops", name);
      assertThat(c.getMetadata().getManagedFields())
          .filteredOn(m -> !DeployedOperator.ARGO.equals(m.getManager()))
          .as("field managers other than the applier own nothing under spec")
          .allSatisfy(
              m ->
                  assertThat(m.getFieldsV1().getAdditionalProperties())
                      .doesNotContainKey("f:spec"));
      assertThat(c.getMetadata().getGeneration()).as("nothing rewrote the spec").isEqualTo(1L);
    }

    // an edit through git: generation 2, observed by status and by every condition
    deployed
        .serverSideApply(v1.replace("username: omni", "username: omni\n  baseRole: QUERIER"))
        .ok();
    await("status observes generation 2")
        .atMost(Duration.ofSeconds(30))
        .until(() -> OperatorInstall.ready(deployed.install().get("gitops", "sales")));
    OmniConnection sales = deployed.install().get("gitops", "sales");
    assertThat(sales.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(sales.getStatus().observedGeneration).isEqualTo(2L);
    assertThat(sales.getStatus().conditions)
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
    assertThat(deployed.inOmni(sales.getStatus().connectionId).baseRole()).isEqualTo("QUERIER");
    deployed
        .serverSideApply(v1.replace("username: omni", "username: omni\n  baseRole: QUERIER"))
        .ok();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void noRequestOfTheOperatorWasForbiddenDuringTheEdits() {
    deployed.assertNothingForbiddenAndEverySeriesExported();
  }
}
