package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped jar on a real API server, installed from deploy/ (see {@link DeployedOperator}): the
 * examples converge, deletion archives or leaves, a deleted namespace goes, the health readers read
 * what it wrote. Edits are in {@link OperatorEditsOnApiServerIT}. Each test works in a namespace of
 * its own.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnApiServerIT {
  @RegisterExtension static final DeployedOperator deployed = new DeployedOperator();

  @Test
  void theExamplesConvergeWithoutOneForbiddenAnswer() {
    deployed.kubectl().run("apply", "-f", "examples/").ok();

    List<OmniConnection> examples =
        deployed.install().connections().inNamespace("omni-examples").list().getItems();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(9);
    examples.forEach(
        c -> deployed.install().awaitReady("omni-examples", c.getMetadata().getName()));
    // the applied repository includes its schedules and environment link
    NeighbourChecks.awaitInSync(deployed.install(), "omni-examples");

    for (OmniConnection c :
        deployed.install().connections().inNamespace("omni-examples").list().getItems()) {
      ConnectionSnapshot omni = deployed.inOmni(c.getStatus().connectionId);
      assertThat(omni.name()).isEqualTo(c.getStatus().omniName);
      assertThat(c.getMetadata().getFinalizers()).contains(OmniConnection.FINALIZER);
    }
    assertThat(deployed.install().cluster().audit().by(OperatorInstall.OPERATOR_USER))
        .as("the operator's requests, as the audit log saw them")
        .hasSizeGreaterThan(examples.size());
    assertThat(deployed.install().forbiddenToOperator())
        .filteredOn(e -> e.namespace() == null || e.namespace().equals("omni-examples"))
        .as("403 answers to the operator, cluster-wide or about the examples")
        .isEmpty();
    assertThat(deployed.install().deniedToOperator())
        .as("requests RBAC refused the operator")
        .isEmpty();

    // plan as a pull-request gate on the repository the operator just applied: nothing to do,
    // with the cluster's status and from the files alone
    var withCluster =
        deployed
            .install()
            .plan(
                "-f",
                "examples/",
                "--kubeconfig",
                deployed.install().cluster().adminKubeconfig().toString());
    assertThat(withCluster.exitCode()).as(withCluster.out() + withCluster.err()).isZero();
    assertThat(withCluster.out())
        .contains("No changes", "9 unchanged")
        .doesNotContainPattern("(?m)^adopt ");
    var filesOnly = deployed.install().plan("-f", "examples/", "--no-cluster");
    assertThat(filesOnly.exitCode()).as(filesOnly.out() + filesOnly.err()).isZero();
    assertThat(filesOnly.out()).contains("credentials cannot be compared without a cluster");
  }

  @Test
  void deletionArchivesWithDeleteAndLeavesTheConnectionWithOrphan() {
    deployed.apply(
        Manifests.namespace("deletion")
            + "---\n"
            + Manifests.postgres("deletion", "archived", "pw", "deletionPolicy: Delete")
            + "---\n"
            + Manifests.postgres("deletion", "kept", "pw", "deletionPolicy: Orphan"));
    deployed.install().awaitReady("deletion", "archived");
    deployed.install().awaitReady("deletion", "kept");
    String archived = deployed.connectionId("deletion", "archived");
    String kept = deployed.connectionId("deletion", "kept");

    deployed
        .kubectl()
        .run("-n", "deletion", "delete", "omniconnection", "archived", "kept", "--timeout=60s")
        .ok();

    assertThat(deployed.install().get("deletion", "archived")).isNull();
    assertThat(deployed.install().get("deletion", "kept")).isNull();
    assertThat(deployed.inOmni(archived).archived()).isTrue();
    assertThat(deployed.calls("DELETE", archived)).hasSize(1);
    assertThat(deployed.inOmni(kept).archived()).isFalse();
    assertThat(deployed.calls("DELETE", kept)).isEmpty();
  }

  @Test
  void deletingANamespaceArchivesItsDeletePolicyConnectionsAndTheNamespaceGoes() {
    deployed.apply(
        Manifests.namespace("doomed")
            + "---\n"
            + Manifests.postgres("doomed", "one", "pw", "deletionPolicy: Delete")
            + "---\n"
            + Manifests.postgres("doomed", "two", "pw", "deletionPolicy: Delete"));
    deployed.install().awaitReady("doomed", "one");
    deployed.install().awaitReady("doomed", "two");
    List<String> ids =
        List.of(deployed.connectionId("doomed", "one"), deployed.connectionId("doomed", "two"));

    deployed.kubectl().run("delete", "namespace", "doomed", "--wait=false").ok();

    await("namespace doomed gone")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                deployed.install().cluster().admin().namespaces().withName("doomed").get() == null);
    ids.forEach(id -> assertThat(deployed.inOmni(id).archived()).as(id + " archived").isTrue());
    ids.forEach(id -> assertThat(deployed.calls("DELETE", id)).as("archived once").hasSize(1));
    // a reconcile queued before the finalizer went must not report the archived one as orphaned
    assertThat(deployed.operator().log()).doesNotContain("doomed/one: Normal Orphaned");
    assertThat(deployed.operator().log()).doesNotContain("doomed/two: Normal Orphaned");
  }

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void argoCdsLuaAndKstatusReadWhatThisOperatorWroteAsTheReadmeSays() {
    deployed.apply(
        Manifests.namespace("health")
            + "---\n"
            + Manifests.postgres("health", "ready", "pw", "")
            + "---\n"
            + Manifests.postgres("health", "paused", "pw", "")
            + "---\n"
            + Manifests.connection("health", "no-secret", ""));
    deployed.install().awaitReady("health", "ready");
    deployed.install().awaitReady("health", "paused");
    deployed
        .kubectl()
        .run("-n", "health", "annotate", "omniconnection", "paused", "omni.gitops.dev/paused=true")
        .ok();
    deployed.awaitCondition("health", "paused", "Synced", "Paused");
    deployed.awaitCondition("health", "no-secret", "Stalled", "CredentialsNotFound");
    HealthCorpus corpus =
        new HealthCorpus(Path.of("target", "e2e-statuses"), deployed.install().cluster().admin());
    deployed.install().omni().setError5xxRate(1.0);
    try {
      deployed.apply(Manifests.postgres("health", "unavailable", "pw", ""));
      deployed.awaitCondition("health", "unavailable", "Reconciling", "OmniUnavailable");
      // captured while Omni still fails, before a retry can make it Ready
      corpus.add("health", "unavailable", "Progressing");
    } finally {
      deployed.install().omni().setError5xxRate(0);
    }
    corpus.add("health", "ready", "Healthy");
    corpus.add("health", "paused", "Suspended");
    corpus.add("health", "no-secret", "Degraded");
    deployed.install().connections().inNamespace("omni-examples").list().getItems().stream()
        .filter(OperatorInstall::ready)
        .forEach(c -> corpus.add("omni-examples", c.getMetadata().getName(), "Healthy"));
    corpus.judge();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void noRequestOfTheOperatorWasForbidden() {
    deployed.assertNothingForbiddenAndEverySeriesExported();
  }
}
