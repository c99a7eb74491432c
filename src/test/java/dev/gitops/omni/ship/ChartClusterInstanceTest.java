package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ClusterOmniInstance the chart can create (clusterInstance.*): off by default, so an upgraded
 * install renders what it did; when on, by default the operator's own URL, key and limits.
 */
class ChartClusterInstanceTest {
  static final String URL = "https://myorg.omniapp.co";

  @Test
  void noInstanceByDefaultAndOmniValuesWorkAsBefore() {
    var objects = render(Map.of("omni.url", URL));
    assertThat(ofKind(objects, "ClusterOmniInstance")).isEmpty();
    assertThat(env(objects)).containsEntry("OMNI_URL", URL);
  }

  @Test
  void byDefaultItIsTheOperatorsOwnInstanceNamedDefault() throws IOException {
    var objects =
        renderWithValues(
            """
            omni:
              url: https://myorg.omniapp.co
              apiPrefix: unstable
              existingSecret: omni-api-key
              existingSecretKey: api-key
            rateLimitPerMinute: 30
            pollInterval: 10m
            clusterInstance: {create: true}
            """);
    JsonNode instance = one(objects, "ClusterOmniInstance");
    assertThat(instance.path("apiVersion").asText()).isEqualTo("omni.gitops.dev/v1alpha1");
    assertThat(instance.at("/metadata/name").asText()).isEqualTo("default");
    assertThat(instance.at("/metadata/namespace").isMissingNode()).as("cluster-scoped").isTrue();
    assertThat(instance.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .as("uninstall leaves it: its in-use finalizer needs the operator")
        .isEqualTo("keep");
    JsonNode spec = instance.path("spec");
    assertThat(spec.path("url").asText()).isEqualTo(URL);
    assertThat(spec.path("apiPrefix").asText()).isEqualTo("unstable");
    assertThat(spec.at("/tokenSecretRef/namespace").asText()).isEqualTo("omni-operator");
    assertThat(spec.at("/tokenSecretRef/name").asText()).isEqualTo("omni-api-key");
    assertThat(spec.at("/tokenSecretRef/key").asText()).isEqualTo("api-key");
    assertThat(spec.path("requestsPerMinute").asInt()).isEqualTo(30);
    assertThat(spec.path("pollInterval").asText()).isEqualTo("10m");
    assertThat(spec.has("namespaces")).as("every namespace may use it").isFalse();
    assertThat(schemaErrors(instance)).isEmpty();
    assertThat(env(objects))
        .as("the operator keeps its own instance")
        .containsEntry("OMNI_URL", URL)
        .containsEntry("OMNI_TOKEN_FILE", "/var/run/secrets/omni/token");
  }

  @Test
  void theChartsOwnSecretIsItsKeyWhenTheChartHoldsTheToken() throws IOException {
    var objects =
        render(Map.of("omni.url", URL, "omni.token", "k-not-real", "clusterInstance.create", true));
    JsonNode ref = one(objects, "ClusterOmniInstance").at("/spec/tokenSecretRef");
    assertThat(ref.path("name").asText())
        .isEqualTo(one(objects, "Secret").at("/metadata/name").asText())
        .isEqualTo("omni-operator-token");
    assertThat(ref.path("key").asText()).isEqualTo("token");
    assertThat(one(objects, "ClusterOmniInstance").at("/spec/requestsPerMinute").asInt())
        .isEqualTo(60);
  }

  @Test
  void everySettingCanBeGivenAndNamespacesRestrictIt() throws IOException {
    var objects =
        renderWithValues(
            """
            omni: {url: https://myorg.omniapp.co}
            clusterInstance:
              create: true
              name: analytics
              url: https://analytics.omniapp.co
              apiPrefix: v1
              tokenSecret: {name: analytics-key, key: key, namespace: platform}
              requestsPerMinute: 20
              pollInterval: 2m
              namespaces:
                names: [team-a, team-b]
                selector:
                  matchLabels: {omni.gitops.dev/tenant: analytics}
                  matchExpressions:
                    - {key: env, operator: In, values: [prod]}
            """);
    JsonNode instance = one(objects, "ClusterOmniInstance");
    JsonNode spec = instance.path("spec");
    assertThat(instance.at("/metadata/name").asText()).isEqualTo("analytics");
    assertThat(spec.path("url").asText()).isEqualTo("https://analytics.omniapp.co");
    assertThat(spec.path("apiPrefix").asText()).isEqualTo("v1");
    assertThat(spec.path("tokenSecretRef").toString())
        .isEqualTo("{\"namespace\":\"platform\",\"name\":\"analytics-key\",\"key\":\"key\"}");
    assertThat(spec.path("requestsPerMinute").asInt()).isEqualTo(20);
    assertThat(spec.path("pollInterval").asText()).isEqualTo("2m");
    assertThat(spec.at("/namespaces/names").toString()).isEqualTo("[\"team-a\",\"team-b\"]");
    assertThat(spec.at("/namespaces/selector/matchLabels/omni.gitops.dev~1tenant").asText())
        .isEqualTo("analytics");
    assertThat(spec.at("/namespaces/selector/matchExpressions/0/operator").asText())
        .isEqualTo("In");
    assertThat(schemaErrors(instance)).isEmpty();
  }

  /**
   * {@code helm upgrade --reuse-values} from a chart without clusterInstance keeps that chart's
   * values, not this one's defaults: the chart renders with any level of them missing (null here
   * removes a default, as the older release's values lack it).
   */
  @Test
  void missingValuesAsAfterReuseValuesFromAnOlderChartStillRender() {
    var none = renderWithValues("omni: {url: https://myorg.omniapp.co}\nclusterInstance: null\n");
    assertThat(ofKind(none, "ClusterOmniInstance")).isEmpty();
    assertThat(ofKind(none, "ClusterRole")).hasSize(1);
    var namespaced =
        renderWithValues(
            "omni: {url: https://myorg.omniapp.co}\nwatchNamespaces: [a]\nclusterInstance: null\n");
    assertThat(ofKind(namespaced, "Role")).hasSize(1);

    var onlyCreate =
        renderWithValues(
            """
            omni: {url: https://myorg.omniapp.co}
            watchNamespaces: [team-a]
            clusterInstance:
              create: true
              name: null
              url: null
              apiPrefix: null
              tokenSecret: null
              pollInterval: null
              namespaces: null
            """);
    JsonNode instance = one(onlyCreate, "ClusterOmniInstance");
    assertThat(instance.at("/metadata/name").asText()).isEqualTo("default");
    assertThat(instance.at("/spec/url").asText()).isEqualTo(URL);
    assertThat(instance.at("/spec/tokenSecretRef/name").asText()).isEqualTo("omni-operator-token");
    assertThat(instance.at("/spec/tokenSecretRef/namespace").asText()).isEqualTo("omni-operator");
    assertThat(instance.at("/spec/pollInterval").asText()).isEqualTo("5m");
    assertThat(instance.at("/spec").has("namespaces")).isFalse();
    assertThat(ChartRenderer.find(onlyCreate, "Role", "omni-operator-instance-token")).isPresent();
  }

  @Test
  void withoutAnyUrlTheChartRefusesToRender() {
    assertThatThrownBy(() -> render(Map.of("clusterInstance.create", true)))
        .hasMessageContaining("clusterInstance.create needs a URL");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          apiPrefix not v1 or unstable  | 'clusterInstance: {apiPrefix: v2}'                    | apiPrefix
          name not a DNS subdomain      | 'clusterInstance: {name: My_Instance}'                | name
          rate below one                | 'clusterInstance: {requestsPerMinute: 0}'             | requestsPerMinute
          pollInterval not a duration   | 'clusterInstance: {pollInterval: 5 minutes}'          | pollInterval
          namespace name not a label    | 'clusterInstance: {namespaces: {names: [Team_A]}}'    | names
          selector operator unknown     | 'clusterInstance: {namespaces: {selector: {matchExpressions: [{key: a, operator: Is}]}}}' | operator
          unknown key                   | 'clusterInstance: {enabled: true}'                    | enabled
          """)
  void valuesSchemaRejectsAMistypedValue(String what, String values, String path) {
    assertThatThrownBy(() -> renderWithValues(values))
        .as(what)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(path);
  }

  /** The rendered instance against the committed CRD's schema, as the API server would check it. */
  static List<String> schemaErrors(JsonNode instance) throws IOException {
    JsonNode crd =
        ChartRenderer.YAML.readTree(
            Path.of("crds", "clusteromniinstances.omni.gitops.dev-v1.yml").toFile());
    JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApi);
    return schema.validate(instance).stream().map(Error::toString).toList();
  }
}
