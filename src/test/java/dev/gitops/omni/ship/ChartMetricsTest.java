package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart's metrics objects: the Service, the optional ServiceMonitor and PrometheusRule. */
class ChartMetricsTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  @Test
  void thePrometheusRuleAlertsOnStalledConnectionsOmniFailuresAndHeap() {
    var objects = render(Map.of("metrics.prometheusRule.enabled", true));
    JsonNode rules = one(objects, "PrometheusRule").at("/spec/groups/0/rules");
    assertThat(rules.findValuesAsText("alert"))
        .containsExactly(
            "OmniConnectionStalled", "OmniRateLimited", "OmniUnavailable", "OmniOperatorHeapHigh");
    assertThat(rules.findValuesAsText("expr"))
        .allSatisfy(e -> assertThat(e).containsAnyOf("omni_operator_", "jvm_memory_"));
  }

  @Test
  void theMetricsServiceSelectsTheOperatorPods() {
    JsonNode service = one(defaults, "Service");
    assertThat(service.at("/metadata/name").asText()).isEqualTo("omni-operator-metrics");
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode podLabels = one(defaults, "Deployment").at("/spec/template/metadata/labels");
    service
        .at("/spec/selector")
        .fields()
        .forEachRemaining(
            e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(ofKind(render(Map.of("metrics.service.enabled", false)), "Service")).isEmpty();
  }

  @Test
  void theServiceMonitorIsOptionalAndScrapesTheMetricsService() {
    assertThat(ofKind(defaults, "ServiceMonitor")).isEmpty();
    var objects =
        render(
            Map.of(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "prometheus"));
    JsonNode monitor = one(objects, "ServiceMonitor");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    JsonNode serviceLabels = one(objects, "Service").at("/metadata/labels");
    monitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(serviceLabels.path(e.getKey()).asText())
                    .isEqualTo(e.getValue().asText()));
    assertThatThrownBy(
            () ->
                render(
                    Map.of(
                        "metrics.serviceMonitor.enabled", true,
                        "metrics.service.enabled", false)))
        .hasMessageContaining("metrics.service.enabled");
  }
}
