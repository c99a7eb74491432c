package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's namespace-scoped mode ({@code watchNamespaces}): a Role and RoleBinding per watched
 * namespace and no cluster-wide rights are enough for the jar to run, and a namespace it does not
 * watch is left alone.
 */
@RealApiServer
class NamespacedInstallIT {
  static OperatorInstall install;

  @BeforeAll
  static void install() {
    install = OperatorInstall.start();
    install.cluster().kubectl().run("create", "namespace", "team-a").ok();
    install.cluster().kubectl().run("create", "namespace", "team-b").ok();
    install.withChart("watchNamespaces: [team-a]");
    // the watched namespaces come from the chart's Deployment environment (WATCH_NAMESPACES)
    install.runOperator("omni-operator-0", List.of("--poll-interval=10s"));
  }

  @AfterAll
  static void uninstall() {
    if (install != null) {
      install.close();
    }
  }

  @Test
  void roleBoundRightsInTheWatchedNamespaceAreEnoughAndOtherNamespacesAreLeftAlone() {
    var kubectl = install.cluster().kubectl();
    kubectl
        .runWithInput(
            Manifests.postgres("team-a", "sales", "pw-1", "")
                + "---\n"
                + Manifests.postgres("team-b", "finance", "pw-1", ""),
            "apply",
            "-f",
            "-")
        .ok();
    install.awaitReady("team-a", "sales");
    String id = install.get("team-a", "sales").getStatus().connectionId;

    kubectl.setPassword("team-a", "sales-credentials", "pw-2");
    await("rotation through the namespaced Secret informer")
        .atMost(Duration.ofSeconds(30))
        .until(() -> install.omni().connection(id).orElseThrow().credentialsGeneration() == 1);

    await("team-b is not watched: its status stays the CRD's default")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> install.get("team-b", "finance").getStatus().observedGeneration == -1L);
    assertThat(install.omni().connections())
        .extracting(c -> c.name())
        .containsExactly("team-a sales");
    assertThat(install.forbiddenToOperator()).as("403 answers to the operator").isEmpty();
  }
}
