package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator is a stand-in for Omni, so it keeps its own copy of Omni's rules: if it shared the
 * operator's code it could never disagree with the code under test. Its sources may name no other
 * package of the project (imports, fully qualified names, javadoc links alike) except the model's
 * dialect list.
 */
class SimulatorLayeringTest {
  static final Path SOURCES =
      Path.of(
          System.getProperty("project.basedir", "."), "src/main/java/dev/gitops/omni/simulator");

  private static final Pattern PROJECT_NAME = Pattern.compile("dev\\.gitops\\.omni\\.[\\w.*]+");
  private static final List<String> ALLOWED =
      List.of("dev.gitops.omni.simulator", "dev.gitops.omni.model.Dialect");

  @Test
  void theSimulatorNamesNoOtherPackageOfTheProject() throws IOException {
    List<Path> files = sources();
    assertThat(files).as("simulator sources under " + SOURCES).hasSizeGreaterThan(10);

    List<String> found = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = PROJECT_NAME.matcher(lines.get(i));
        while (m.find()) {
          if (!allowed(m.group())) {
            found.add(file.getFileName() + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertThat(found).as("references from the simulator to the rest of the project").isEmpty();
  }

  @Test
  void onlyTheDialectListIsAllowed() {
    assertThat(allowed("dev.gitops.omni.model.Dialect")).isTrue();
    assertThat(allowed("dev.gitops.omni.simulator.OmniSimulator#start")).isTrue();
    assertThat(allowed("dev.gitops.omni.core.ServiceAccountJson")).isFalse();
    assertThat(allowed("dev.gitops.omni.operator.Json")).isFalse();
    assertThat(allowed("dev.gitops.omni.client.OmniErrors")).isFalse();
    assertThat(allowed("dev.gitops.omni.cli.Main")).isFalse();
    assertThat(allowed("dev.gitops.omni.sandbox.Sandbox")).isFalse();
    assertThat(allowed("dev.gitops.omni.model.OmniConnectionSpec")).isFalse();
    assertThat(allowed("dev.gitops.omni.model.*")).isFalse();
    assertThat(allowed("dev.gitops.omni.simulatorx.Thing")).isFalse();
  }

  private static boolean allowed(String name) {
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    for (String prefix : ALLOWED) {
      if (trimmed.equals(prefix) || trimmed.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.list(SOURCES)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
