package dev.gitops.omni.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.cli.RunCommand;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's Configuration and Troubleshooting sections cover every setting and reason. */
class ReadmeTest {
  static String section(String heading) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("\n## " + heading + "\n");
    assertThat(start).as("README has a section '## %s'", heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return end < 0 ? readme.substring(start) : readme.substring(start, end);
  }

  @Test
  void configurationNamesEveryFlagAndEnvironmentVariableOfTheRunCommand() throws IOException {
    String config = section("Configuration");
    CommandLine run = new CommandLine(new RunCommand());
    run.setInterpolateVariables(false);
    Pattern env = Pattern.compile("\\$\\{env:([A-Z_]+)");
    int options = 0;
    for (var option : run.getCommandSpec().options()) {
      if (option.defaultValue() == null || !option.defaultValue().contains("${env:")) {
        continue;
      }
      options++;
      assertThat(config)
          .as("README Configuration: flag")
          .contains("`" + option.longestName() + "`");
      Matcher m = env.matcher(option.defaultValue());
      assertThat(m.find()).isTrue();
      assertThat(config).as("README Configuration: env variable").contains("`" + m.group(1) + "`");
    }
    assertThat(options).isGreaterThanOrEqualTo(13);
    assertThat(config).contains("`OMNI_TOKEN`");
  }

  @Test
  void configurationNamesEveryChartValue() throws IOException {
    String config = section("Configuration");
    List<String> lines = config.lines().toList();
    JsonNode values =
        ChartRenderer.YAML.readTree(ChartRenderer.CHART.resolve("values.yaml").toFile());
    List<String> missing = new ArrayList<>();
    values
        .fields()
        .forEachRemaining(
            top -> {
              String k = top.getKey();
              if (!config.contains("`" + k)) {
                missing.add(k);
              }
              boolean documentedByParts =
                  List.of(
                          "omni",
                          "clusterInstance",
                          "image",
                          "leaderElection",
                          "logging",
                          "serviceAccount",
                          "rbac",
                          "metrics",
                          "grafanaDashboard")
                      .contains(k);
              if (documentedByParts) {
                top.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        c -> {
                          boolean found =
                              lines.stream()
                                  .anyMatch(
                                      l ->
                                          l.contains("`" + k + "." + c)
                                              || l.contains("`" + k + ".")
                                                  && l.contains("`." + c + "`"));
                          if (!found) {
                            missing.add(k + "." + c);
                          }
                        });
              }
            });
    assertThat(missing).as("chart values the README does not document").isEmpty();
  }

  @Test
  void troubleshootingExplainsEveryConditionReason() throws IOException {
    String trouble = section("Troubleshooting");
    // every reason a condition or a plan can carry (Reason holds them all), and every failure's
    List<String> reasons = new ArrayList<>();
    for (Reason r : Reason.values()) {
      if (!r.eventOnly()) {
        reasons.add(r.text());
      }
    }
    for (OmniFailure kind : OmniFailure.values()) {
      assertThat(reasons).contains(Reason.of(kind).text());
    }
    for (String reason : reasons) {
      assertThat(trouble)
          .as("README Troubleshooting has a row for %s", reason)
          .containsPattern("(?m)^\\| `" + reason + "` \\| [^|]+ \\| [^|]{20,} \\| [^|]{5,} \\|$");
    }
  }

  @Test
  void installExplainsHelmKubectlGitOpsAndCrdUpgrades() throws IOException {
    String install = section("Install");
    assertThat(install)
        .contains("helm install omni-operator charts/omni-operator")
        .contains("kubectl apply -k deploy/")
        .contains("kubectl apply --server-side --force-conflicts -f charts/omni-operator/crds/")
        .contains("kubectl wait --for=condition=Ready")
        .contains("resource.customizations.health.omni.gitops.dev_OmniConnection")
        .contains("docker build");
  }
}
