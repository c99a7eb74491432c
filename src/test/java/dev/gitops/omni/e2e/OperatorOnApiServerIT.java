package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import dev.gitops.omni.simulator.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shipped jar on a real API server, installed from deploy/ (RBAC bound to its ServiceAccount,
 * which it runs as), with kube-controller-manager for namespace deletion and the Omni simulator on
 * loopback. Each test works in a namespace of its own.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnApiServerIT {
  static OperatorInstall install;
  static OperatorProcess operator;

  @BeforeAll
  static void install() {
    install = OperatorInstall.start().withDeployManifests();
    install.cluster().startControllerManager();
    operator =
        install.runOperator("omni-operator-0", List.of("--poll-interval=10s", "--rate-limit=600"));
  }

  @AfterAll
  static void uninstall() {
    if (install != null) {
      install.close();
    }
  }

  static Kubectl kubectl() {
    return install.cluster().kubectl();
  }

  static void apply(String yaml) {
    kubectl().runWithInput(yaml, "apply", "-f", "-").ok();
  }

  static ConnectionSnapshot inOmni(String id) {
    return install.omni().connection(id).orElseThrow();
  }

  static String connectionId(String namespace, String name) {
    return install.get(namespace, name).getStatus().connectionId;
  }

  static List<JournalEntry> calls(String method, String id) {
    return install.omni().journal().stream()
        .filter(e -> e.method().equals(method) && id.equals(e.connectionId()))
        .toList();
  }

  @Test
  void theExamplesConvergeWithoutOneForbiddenAnswer() {
    kubectl().run("apply", "-f", "examples/").ok();

    List<OmniConnection> examples =
        install.connections().inNamespace("omni-examples").list().getItems();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(8);
    examples.forEach(c -> install.awaitReady("omni-examples", c.getMetadata().getName()));

    for (OmniConnection c : install.connections().inNamespace("omni-examples").list().getItems()) {
      ConnectionSnapshot omni = inOmni(c.getStatus().connectionId);
      assertThat(omni.name()).isEqualTo(c.getStatus().omniName);
      assertThat(c.getMetadata().getFinalizers()).contains(OmniConnection.FINALIZER);
    }
    assertThat(install.cluster().audit().by(OperatorInstall.OPERATOR_USER))
        .as("the operator's requests, as the audit log saw them")
        .hasSizeGreaterThan(examples.size());
    assertThat(install.forbiddenToOperator())
        .filteredOn(e -> e.namespace() == null || e.namespace().equals("omni-examples"))
        .as("403 answers to the operator, cluster-wide or about the examples")
        .isEmpty();
    assertThat(install.deniedToOperator()).as("requests RBAC refused the operator").isEmpty();

    // plan as a pull-request gate on the repository the operator just applied: nothing to do,
    // with the cluster's status and from the files alone
    var withCluster =
        install.plan(
            "-f", "examples/", "--kubeconfig", install.cluster().adminKubeconfig().toString());
    assertThat(withCluster.exitCode()).as(withCluster.out() + withCluster.err()).isZero();
    assertThat(withCluster.out())
        .contains("No changes", "8 unchanged")
        .doesNotContainPattern("(?m)^adopt ");
    var filesOnly = install.plan("-f", "examples/", "--no-cluster");
    assertThat(filesOnly.exitCode()).as(filesOnly.out() + filesOnly.err()).isZero();
    assertThat(filesOnly.out()).contains("credentials cannot be compared without a cluster");
  }

  @Test
  void aSpecEditIsPatchedIntoOmni() {
    apply(
        Manifests.namespace("edits") + "---\n" + Manifests.postgres("edits", "sales", "pw-1", ""));
    install.awaitReady("edits", "sales");
    String id = connectionId("edits", "sales");

    kubectl().setBaseRole("edits", "sales", "QUERIER");

    await("PATCH of baseRole")
        .atMost(Duration.ofSeconds(30))
        .until(() -> calls("PATCH", id).stream().anyMatch(e -> e.bodyKeys().contains("baseRole")));
    install.awaitReady("edits", "sales");
    assertThat(inOmni(id).baseRole()).isEqualTo("QUERIER");
    assertThat(install.omni().journal())
        .filteredOn(e -> e.method().equals("POST") && "edits sales".equals(e.name()))
        .as("one create, no second one")
        .hasSize(1);
  }

  @Test
  void aRotatedSecretIsPatchedIntoOmni() {
    apply(
        Manifests.namespace("rotation")
            + "---\n"
            + Manifests.postgres("rotation", "sales", "pw-1", ""));
    install.awaitReady("rotation", "sales");
    String id = connectionId("rotation", "sales");
    assertThat(inOmni(id).credentialsGeneration()).isZero();

    kubectl().setPassword("rotation", "sales-credentials", "pw-2");

    await("password rotated in Omni")
        .atMost(Duration.ofSeconds(30))
        .until(() -> inOmni(id).credentialsGeneration() == 1);
    assertThat(install.omni().secretMatches(id, "passwordUnencrypted", "pw-2")).isTrue();
    install.awaitReady("rotation", "sales");
  }

  @Test
  void deletionArchivesWithDeleteAndLeavesTheConnectionWithOrphan() {
    apply(
        Manifests.namespace("deletion")
            + "---\n"
            + Manifests.postgres("deletion", "archived", "pw", "deletionPolicy: Delete")
            + "---\n"
            + Manifests.postgres("deletion", "kept", "pw", "deletionPolicy: Orphan"));
    install.awaitReady("deletion", "archived");
    install.awaitReady("deletion", "kept");
    String archived = connectionId("deletion", "archived");
    String kept = connectionId("deletion", "kept");

    kubectl()
        .run("-n", "deletion", "delete", "omniconnection", "archived", "kept", "--timeout=60s")
        .ok();

    assertThat(install.get("deletion", "archived")).isNull();
    assertThat(install.get("deletion", "kept")).isNull();
    assertThat(inOmni(archived).archived()).isTrue();
    assertThat(calls("DELETE", archived)).hasSize(1);
    assertThat(inOmni(kept).archived()).isFalse();
    assertThat(calls("DELETE", kept)).isEmpty();
  }

  @Test
  void deletingANamespaceArchivesItsDeletePolicyConnectionsAndTheNamespaceGoes() {
    apply(
        Manifests.namespace("doomed")
            + "---\n"
            + Manifests.postgres("doomed", "one", "pw", "deletionPolicy: Delete")
            + "---\n"
            + Manifests.postgres("doomed", "two", "pw", "deletionPolicy: Delete"));
    install.awaitReady("doomed", "one");
    install.awaitReady("doomed", "two");
    List<String> ids = List.of(connectionId("doomed", "one"), connectionId("doomed", "two"));

    kubectl().run("delete", "namespace", "doomed", "--wait=false").ok();

    await("namespace doomed gone")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> install.cluster().admin().namespaces().withName("doomed").get() == null);
    ids.forEach(id -> assertThat(inOmni(id).archived()).as(id + " archived").isTrue());
    ids.forEach(id -> assertThat(calls("DELETE", id)).as("archived once").hasSize(1));
    // a reconcile queued before the finalizer went must not report the archived one as orphaned
    assertThat(operator.log()).doesNotContain("doomed/one: Normal Orphaned");
    assertThat(operator.log()).doesNotContain("doomed/two: Normal Orphaned");
  }

  @Test
  void thePausedAnnotationHoldsEveryWriteUntilItIsRemoved() {
    apply(
        Manifests.namespace("paused") + "---\n" + Manifests.postgres("paused", "sales", "pw", ""));
    install.awaitReady("paused", "sales");
    String id = connectionId("paused", "sales");
    kubectl()
        .run("-n", "paused", "annotate", "omniconnection", "sales", "omni.gitops.dev/paused=true")
        .ok();

    kubectl().setBaseRole("paused", "sales", "QUERIER");
    await("Synced=False Paused for the edit")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              OmniConnection c = install.get("paused", "sales");
              return c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)
                  && OperatorInstall.condition(c, "Synced")
                      .map(s -> "Paused".equals(s.getReason()))
                      .orElse(false);
            });
    await("no PATCH while paused")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(8))
        .until(() -> calls("PATCH", id).isEmpty());

    kubectl()
        .run("-n", "paused", "annotate", "omniconnection", "sales", "omni.gitops.dev/paused-")
        .ok();

    await("PATCH once resumed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !calls("PATCH", id).isEmpty());
    install.awaitReady("paused", "sales");
    assertThat(inOmni(id).baseRole()).isEqualTo("QUERIER");
  }

  static final String ARGO = "argocd-controller";

  static Kubectl.Result serverSideApply(String yaml) {
    return kubectl()
        .runWithInput(yaml, "apply", "--server-side", "--field-manager=" + ARGO, "-f", "-");
  }

  @Test
  void aGitOpsApplierServerSideApplyingAgainAndAgainNeverConflicts() throws Exception {
    kubectl().runWithInput(Manifests.namespace("gitops"), "apply", "-f", "-").ok();
    String v1 =
        Manifests.postgres("gitops", "sales", "pw", "")
            + "---\n"
            + Manifests.postgres("gitops", "finance", "pw", "deletionPolicy: Delete");

    serverSideApply(v1).ok();
    kubectl()
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
      var again = serverSideApply(v1);
      assertThat(again.exitCode()).as("re-apply %d: %s", i, again.err()).isZero();
      assertThat(again.err()).doesNotContainIgnoringCase("conflict");
    }

    for (String name : List.of("sales", "finance")) {
      OmniConnection c = install.get("gitops", name);
      assertThat(c.getMetadata().getManagedFields())
          .filteredOn(m -> !ARGO.equals(m.getManager()))
          .as("field managers other than the applier own nothing under spec")
          .allSatisfy(
              m ->
                  assertThat(m.getFieldsV1().getAdditionalProperties())
                      .doesNotContainKey("f:spec"));
      assertThat(c.getMetadata().getGeneration()).as("nothing rewrote the spec").isEqualTo(1L);
    }

    // an edit through git: generation 2, observed by status and by every condition
    serverSideApply(v1.replace("username: omni", "username: omni\n  baseRole: QUERIER")).ok();
    await("status observes generation 2")
        .atMost(Duration.ofSeconds(30))
        .until(() -> OperatorInstall.ready(install.get("gitops", "sales")));
    OmniConnection sales = install.get("gitops", "sales");
    assertThat(sales.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(sales.getStatus().observedGeneration).isEqualTo(2L);
    assertThat(sales.getStatus().conditions)
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
    assertThat(inOmni(sales.getStatus().connectionId).baseRole()).isEqualTo("QUERIER");
    serverSideApply(v1.replace("username: omni", "username: omni\n  baseRole: QUERIER")).ok();
  }

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void argoCdsLuaAndKstatusReadWhatThisOperatorWroteAsTheReadmeSays() {
    apply(
        Manifests.namespace("health")
            + "---\n"
            + Manifests.postgres("health", "ready", "pw", "")
            + "---\n"
            + Manifests.postgres("health", "paused", "pw", "")
            + "---\n"
            + Manifests.connection("health", "no-secret", ""));
    install.awaitReady("health", "ready");
    install.awaitReady("health", "paused");
    kubectl()
        .run("-n", "health", "annotate", "omniconnection", "paused", "omni.gitops.dev/paused=true")
        .ok();
    awaitCondition("health", "paused", "Synced", "Paused");
    awaitCondition("health", "no-secret", "Stalled", "CredentialsNotFound");
    HealthCorpus corpus =
        new HealthCorpus(Path.of("target", "e2e-statuses"), install.cluster().admin());
    install.omni().setError5xxRate(1.0);
    try {
      apply(Manifests.postgres("health", "unavailable", "pw", ""));
      awaitCondition("health", "unavailable", "Reconciling", "OmniUnavailable");
      // captured while Omni still fails, before a retry can make it Ready
      corpus.add("health", "unavailable", "Progressing");
    } finally {
      install.omni().setError5xxRate(0);
    }
    corpus.add("health", "ready", "Healthy");
    corpus.add("health", "paused", "Suspended");
    corpus.add("health", "no-secret", "Degraded");
    install.connections().inNamespace("omni-examples").list().getItems().stream()
        .filter(OperatorInstall::ready)
        .forEach(c -> corpus.add("omni-examples", c.getMetadata().getName(), "Healthy"));
    corpus.judge();
  }

  static void awaitCondition(String namespace, String name, String type, String reason) {
    await(namespace + "/" + name + " " + type + " " + reason)
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              OmniConnection c = install.get(namespace, name);
              return c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)
                  && OperatorInstall.condition(c, type)
                      .map(x -> reason.equals(x.getReason()))
                      .orElse(false);
            });
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void noRequestOfTheOperatorWasForbidden() {
    assertThat(install.deniedToOperator()).as("requests RBAC refused the operator").isEmpty();
    // the one 403 a correct operator gets: an Event about a connection archived while its
    // namespace terminates, which the NamespaceLifecycle admission refuses (not RBAC)
    assertThat(install.forbiddenToOperator())
        .allSatisfy(
            e -> {
              assertThat(e.namespace()).isEqualTo("doomed");
              assertThat(e.resource()).isEqualTo("events");
            });
    assertThat(operator.alive()).isTrue();
    assertThat(operator.metrics())
        .as("the JVM's own metrics, for heap and thread alerts")
        .contains(
            "jvm_memory_used_bytes{",
            "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads ")
        .contains("omni_operator_omni_requests_total{");
    // every series the chart's PrometheusRule alerts on is one this jar exports
    String rule =
        dev.gitops.omni.ship.ChartRenderer.template(
            java.util.Map.of("metrics.prometheusRule.enabled", true), null);
    var series =
        java.util.regex.Pattern.compile("\\b(omni_operator_[a-z_]+|jvm_[a-z_]+)\\b")
            .matcher(rule.substring(rule.indexOf("kind: PrometheusRule")))
            .results()
            .map(m -> m.group(1))
            .distinct()
            .toList();
    assertThat(series).hasSizeGreaterThanOrEqualTo(4);
    String metrics = operator.metrics();
    assertThat(series).allSatisfy(name -> assertThat(metrics).contains(name + "{"));
    assertThat(operator.log())
        .doesNotContain("Exception in thread")
        .doesNotContain("Uncaught error during event processing");
  }
}
