package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shipped jar installed from deploy/ on a real API server (RBAC bound to its ServiceAccount,
 * which it runs as), with kube-controller-manager for namespace deletion and the Omni simulator on
 * loopback; and what the end-to-end tests do with it and check of it.
 *
 * <p>An end-to-end test class registers it on a static field with {@code @RegisterExtension}: it is
 * installed once before the class's tests and closed after them.
 */
final class DeployedOperator implements BeforeAllCallback, AfterAllCallback {
  static final String ARGO = "argocd-controller";

  private OperatorInstall install;
  private OperatorProcess operator;

  @Override
  public void beforeAll(ExtensionContext context) {
    OperatorInstall started = OperatorInstall.start().withDeployManifests();
    try {
      started.cluster().startControllerManager();
      operator =
          started.runOperator(
              "omni-operator-0", List.of("--poll-interval=10s", "--rate-limit=600"));
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    install = started;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (install != null) {
      install.close();
    }
  }

  OperatorInstall install() {
    return install;
  }

  OperatorProcess operator() {
    return operator;
  }

  Kubectl kubectl() {
    return install.cluster().kubectl();
  }

  void apply(String yaml) {
    kubectl().runWithInput(yaml, "apply", "-f", "-").ok();
  }

  /** Server-side apply as Argo CD does, under its field manager. */
  Kubectl.Result serverSideApply(String yaml) {
    return kubectl()
        .runWithInput(yaml, "apply", "--server-side", "--field-manager=" + ARGO, "-f", "-");
  }

  ConnectionSnapshot inOmni(String id) {
    return install.omni().connection(id).orElseThrow();
  }

  String connectionId(String namespace, String name) {
    return install.get(namespace, name).getStatus().connectionId;
  }

  List<JournalEntry> calls(String method, String id) {
    return install.omni().journal().stream()
        .filter(e -> e.method().equals(method) && id.equals(e.connectionId()))
        .toList();
  }

  /** Waits until the status has observed the generation and condition {@code type} has reason. */
  void awaitCondition(String namespace, String name, String type, String reason) {
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

  /**
   * The checks after every test of a class: no request of the operator forbidden (but the Event the
   * NamespaceLifecycle admission refuses), the JVM's and the PrometheusRule's series exported, no
   * uncaught exception in the log.
   */
  void assertNothingForbiddenAndEverySeriesExported() {
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
