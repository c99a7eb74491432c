package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's optional Grafana dashboard: no ConfigMap by default; with grafanaDashboard.enabled a
 * ConfigMap Grafana's dashboard sidecar loads; and panels that query only series the operator
 * really exports, checked against a scrape of the real operator ({@link LiveMetrics}).
 */
class ChartDashboardTest {
  static final Path FILE = ChartRenderer.CHART.resolve("dashboards/omni-operator.json");
  static final String KEY = "omni-operator.json";

  /** A series name of the operator's three families, as PromQL names it. */
  static final Pattern METRIC =
      Pattern.compile("\\b(omni_operator_[a-z_]+|operator_sdk_[a-z_]+|jvm_[a-z_]+)\\b");

  static JsonNode dashboard() {
    try {
      return new ObjectMapper().readTree(FILE.toFile());
    } catch (IOException e) {
      throw new AssertionError(FILE + " is not JSON", e);
    }
  }

  /** Every PromQL text of the dashboard: panel targets and the variables' queries. */
  static List<String> queries(JsonNode dashboard) {
    List<String> out = new ArrayList<>(dashboard.findValuesAsText("expr"));
    for (JsonNode v : dashboard.at("/templating/list")) {
      if ("query".equals(v.path("type").asText())) {
        out.add(v.path("query").asText());
      }
    }
    return out;
  }

  static Set<String> metrics(List<String> queries) {
    Set<String> out = new TreeSet<>();
    queries.forEach(q -> METRIC.matcher(q).results().forEach(m -> out.add(m.group(1))));
    return out;
  }

  @Test
  void offByDefault() {
    assertThat(ofKind(render(), "ConfigMap")).isEmpty();
  }

  @Test
  void enabledItIsOneConfigMapTheSidecarLoads() throws IOException {
    JsonNode cm = one(render(Map.of("grafanaDashboard.enabled", true)), "ConfigMap");
    assertThat(cm.at("/metadata/name").asText()).isEqualTo("omni-operator-dashboard");
    assertThat(cm.at("/metadata/namespace").asText()).isEqualTo(ChartRenderer.NAMESPACE);
    assertThat(cm.at("/metadata/labels/grafana_dashboard").asText())
        .as("the label kube-prometheus-stack's Grafana sidecar watches")
        .isEqualTo("1");
    assertThat(cm.at("/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo("omni-operator");
    assertThat(cm.at("/metadata/annotations").isMissingNode()).isTrue();
    assertThat(cm.path("data").fieldNames()).toIterable().containsExactly(KEY);
    JsonNode shipped = new ObjectMapper().readTree(cm.at("/data/" + KEY).asText());
    assertThat(shipped).as("the file, whole and valid JSON").isEqualTo(dashboard());
    assertThat(shipped.path("uid").asText()).as("a stable uid").isEqualTo("omni-operator");
    assertThat(shipped.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
  }

  @Test
  void labelsAnnotationsAndNamespaceComeFromValues() {
    JsonNode cm =
        one(
            renderWithValues(
                """
                grafanaDashboard:
                  enabled: true
                  namespace: monitoring
                  labels: {grafana_dashboard: null, dashboards: omni}
                  annotations: {grafana_folder: Operators}
                """),
            "ConfigMap");
    assertThat(cm.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(cm.at("/metadata/labels/dashboards").asText()).isEqualTo("omni");
    assertThat(cm.at("/metadata/labels/grafana_dashboard").isMissingNode())
        .as("null drops the default label")
        .isTrue();
    assertThat(cm.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Operators");
    assertThatThrownBy(
            () -> renderWithValues("grafanaDashboard: {enabled: true, namespace: Monitoring}"))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> renderWithValues("grafanaDashboard: {enabled: yes-please}"))
        .hasMessageContaining("enabled");
  }

  @Test
  void everyQueryReadsTheChosenDataSourceNamespaceAndJob() {
    JsonNode d = dashboard();
    Map<String, String> variables = new java.util.LinkedHashMap<>();
    d.at("/templating/list")
        .forEach(v -> variables.put(v.path("name").asText(), v.path("type").asText()));
    assertThat(variables)
        .containsExactly(
            Map.entry("datasource", "datasource"),
            Map.entry("namespace", "query"),
            Map.entry("job", "query"));
    assertThat(d.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
    List<JsonNode> panels = new ArrayList<>();
    d.path("panels").forEach(p -> panels.add(p));
    assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    List<JsonNode> graphs =
        panels.stream().filter(p -> !"row".equals(p.path("type").asText())).toList();
    assertThat(graphs).hasSizeGreaterThanOrEqualTo(10);
    for (JsonNode p : graphs) {
      String title = p.path("title").asText();
      assertThat(p.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
      assertThat(p.path("targets")).as(title).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        assertThat(t.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
        // every series selected, in every query, only from the chosen namespace and job
        Matcher m = METRIC.matcher(t.path("expr").asText());
        assertThat(m.find()).as(title + ": a query of the operator's metrics").isTrue();
        do {
          String rest = t.path("expr").asText().substring(m.end());
          assertThat(rest).as(title + ": " + m.group()).startsWith("{");
          String selector = rest.substring(0, rest.indexOf('}'));
          assertThat(selector)
              .as(title + ": " + m.group())
              .contains("namespace=\"$namespace\"", "job=\"$job\"");
        } while (m.find());
      }
    }
  }

  @Test
  void everyMetricAPanelQueriesIsOneTheOperatorExports() {
    Set<String> used = metrics(queries(dashboard()));
    assertThat(used)
        .as("the panels the dashboard promises")
        .contains(
            "omni_operator_resources",
            "omni_operator_omni_requests_total",
            "omni_operator_rate_limiter_wait_seconds_count",
            "omni_operator_poll_triggered_reconciles_total",
            "operator_sdk_reconciliations_started_total",
            "operator_sdk_reconciliations_failed_total",
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_gc_pause_seconds_sum");
    Set<String> exported = LiveMetrics.sampleNames(LiveMetrics.scrape());
    assertThat(used)
        .as("series the dashboard queries that the operator's /metrics does not have")
        .allSatisfy(name -> assertThat(exported).contains(name));
    // and the other way round: a new metric of the operator's own gets a panel
    Set<String> families = new TreeSet<>();
    exported.stream()
        .filter(n -> n.startsWith("omni_operator_"))
        .forEach(n -> families.add(n.replaceAll("_(count|sum|max|bucket)$", "")));
    String text = dashboard().toString();
    assertThat(families)
        .as("the operator's own metrics without a panel")
        .allSatisfy(f -> assertThat(text).contains(f));
  }
}
