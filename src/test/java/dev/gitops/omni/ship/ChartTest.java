package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.container;
import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.kinds;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.gitops.omni.cli.RunCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The Helm chart: lint, the objects it renders with defaults, and the values it refuses; the
 * options are in ChartValuesTest, ChartPodAndTokenTest, ChartRbacTest and ChartMetricsTest.
 */
class ChartTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  @Test
  void helmLintStrictIsClean() {
    var result = new Helm(ChartRenderer.CHART).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("no lint warning or error")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void defaultsRenderTheOperatorWithClusterWideRbacAndNoOptionalObjects() {
    assertThat(kinds(defaults))
        .as("no Secret without a key: GitOps self-heal would write an empty one over the real key")
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment");
    JsonNode deployment = one(defaults, "Deployment");
    assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("omni-operator");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/type").asText())
        .as("one pod without leader election: never two at once")
        .isEqualTo("Recreate");
    assertThat(env(defaults)).containsEntry("LEADER_ELECTION", "false");
    JsonNode c = container(defaults);
    assertThat(c.path("image").asText()).isEqualTo("ghcr.io/gitops-dev/omni-operator:0.1.0");
    assertThat(c.path("args").toString()).isEqualTo("[\"run\"]");
  }

  @Test
  void everyEnvironmentVariableOfTheRunCommandIsSetByTheChart() {
    Set<String> runEnv = new TreeSet<>();
    Pattern env = Pattern.compile("\\$\\{env:([A-Z_]+)");
    CommandLine run = new CommandLine(new RunCommand());
    run.setInterpolateVariables(false);
    for (var option : run.getCommandSpec().options()) {
      if (option.defaultValue() != null) {
        Matcher m = env.matcher(option.defaultValue());
        if (m.find()) {
          runEnv.add(m.group(1));
        }
      }
    }
    assertThat(runEnv).contains("OMNI_URL", "POLL_INTERVAL", "LEADER_ELECTION", "LOG_LEVEL");
    assertThat(env(defaults).keySet()).containsAll(runEnv);
    assertThat(env(defaults)).doesNotContainKey("OMNI_TOKEN");
  }

  @Test
  void aClusterOlderThanTheCelRulesNeedIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ChartRenderer.template(Map.of(), null, "v1.24.9"))
        .hasMessageContaining("kubeVersion: >=1.25.0-0");
    assertThat(ChartRenderer.template(Map.of(), null, "v1.25.0")).contains("kind: Deployment");
  }

  @Test
  void valuesYamlRepeatsNoKey() throws Exception {
    var strict =
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    strict.readTree(ChartRenderer.CHART.resolve("values.yaml").toFile());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          replicaCount as a string       | replicaCount: "2"                   | replicaCount
          apiPrefix not v1 or unstable   | 'omni: {apiPrefix: v2}'             | apiPrefix
          deletion policy misspelt       | defaultDeletionPolicy: Remove       | defaultDeletionPolicy
          pollInterval not a duration    | pollInterval: 5 minutes             | pollInterval
          log format not text or json    | 'logging: {format: xml}'            | format
          unknown key                    | replicas: 2                         | replicas
          namespace not a DNS label      | 'watchNamespaces: [Team_A]'         | watchNamespaces
          watchNamespaces as a string    | watchNamespaces: team-a             | watchNamespaces
          port out of range              | httpPort: 70000                     | httpPort
          pull policy unknown            | 'image: {pullPolicy: Sometimes}'    | pullPolicy
          rate limit as a string         | rateLimitPerMinute: "sixty"         | rateLimitPerMinute
          url without a scheme           | 'omni: {url: myorg.omniapp.co}'     | url
          """)
  void valuesSchemaRejectsAMistypedValue(String what, String values, String path) {
    assertThatThrownBy(() -> renderWithValues(values))
        .as(what)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(path);
  }
}
