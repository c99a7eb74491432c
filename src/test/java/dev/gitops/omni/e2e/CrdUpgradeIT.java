package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CRD upgrade as users do it: the previous release's CRD (kept in src/test/resources), resources
 * created and reconciled under it, then the current CRD applied over it (server-side, as the README
 * says; RBAC comes from the chart, whose templates hold no CRD). The resources stay readable
 * through today's model and keep being reconciled. A CRD change that breaks this needs a conversion
 * plan (a new version and a webhook or a migration), not an edit of the old file.
 */
@RealApiServer
class CrdUpgradeIT {
  static final Path PREVIOUS =
      Path.of("src/test/resources/e2e/previous-release/omniconnections.omni.gitops.dev-v1.yml");
  static final Path CURRENT = Path.of("crds/omniconnections.omni.gitops.dev-v1.yml");

  @Test
  void resourcesCreatedUnderThePreviousCrdStayReadableAndReconciledAfterTheUpgrade() {
    try (OperatorInstall install = OperatorInstall.start(PREVIOUS).withChart("")) {
      var kubectl = install.cluster().kubectl();
      kubectl
          .runWithInput(
              Manifests.namespace("upgrade")
                  + "---\n"
                  + Manifests.postgres("upgrade", "sales", "pw", "baseRole: VIEWER")
                  + "---\n"
                  + Manifests.postgres("upgrade", "finance", "pw", "deletionPolicy: Delete"),
              "apply",
              "-f",
              "-")
          .ok();
      OperatorProcess operator =
          install.runOperator("omni-operator-0", List.of("--poll-interval=10s"));
      install.awaitReady("upgrade", "sales");
      install.awaitReady("upgrade", "finance");
      String sales = install.get("upgrade", "sales").getStatus().connectionId;

      kubectl.installCrd(CURRENT);
      // Established was already true: wait until the new schema serves, which a dry-run create
      // shows by its status default (the previous CRD had none); nothing is stored
      await("the current CRD's schema in effect")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                OmniConnection probe = install.get("upgrade", "sales");
                probe.getMetadata().setName("probe");
                probe.getMetadata().setResourceVersion(null);
                probe.getMetadata().setUid(null);
                probe.getMetadata().setFinalizers(null);
                probe.getMetadata().setManagedFields(null);
                probe.setStatus(null);
                OmniConnection defaulted =
                    install.connections().inNamespace("upgrade").resource(probe).dryRun().create();
                return defaulted.getStatus() != null
                    && Long.valueOf(-1).equals(defaulted.getStatus().observedGeneration);
              });

      // readable through today's model, status intact
      OmniConnection read = install.get("upgrade", "sales");
      assertThat(read.getSpec().baseRole).isEqualTo("VIEWER");
      assertThat(read.getStatus().connectionId).isEqualTo(sales);
      assertThat(OperatorInstall.ready(read)).isTrue();
      // and reconciled: an edit reaches Omni, a new resource is created
      kubectl.setBaseRole("upgrade", "sales", "QUERIER");
      kubectl
          .runWithInput(Manifests.postgres("upgrade", "after", "pw", ""), "apply", "-f", "-")
          .ok();
      await("the edit reaches Omni")
          .atMost(Duration.ofSeconds(30))
          .until(() -> "QUERIER".equals(install.omni().connection(sales).orElseThrow().baseRole()));
      install.awaitReady("upgrade", "sales");
      install.awaitReady("upgrade", "after");
      assertThat(install.omni().connections()).hasSize(3);
      assertThat(operator.alive()).isTrue();
      assertThat(install.forbiddenToOperator()).isEmpty();
    }
  }
}
