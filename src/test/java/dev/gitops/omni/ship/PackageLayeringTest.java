package dev.gitops.omni.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packages' layers (docs/architecture.md): the model and the domain model at the bottom, the
 * pure planner and the client beside each other above them, the operator and the command line on
 * top. A source file naming a package it must not know fails this test.
 */
class PackageLayeringTest {
  private static final Path ROOT =
      Path.of(System.getProperty("project.basedir", "."), "src/main/java/dev/gitops/omni");
  private static final Pattern PROJECT_NAME = Pattern.compile("dev\\.gitops\\.omni\\.(\\w+)");

  @ParameterizedTest(name = "{0} names none of: {1}")
  @CsvSource({
    "model, connection client core operator cli sandbox simulator",
    "connection, client core operator cli sandbox simulator",
    "core, client operator cli sandbox simulator",
    "client, core operator cli sandbox simulator",
    "operator, cli sandbox simulator",
  })
  void aPackageNamesNoLayerAboveOrBesideIt(String pkg, String forbidden) throws IOException {
    List<String> banned = List.of(forbidden.split(" "));
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(ROOT.resolve(pkg))) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(files).as("sources of " + pkg).isNotEmpty();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = PROJECT_NAME.matcher(lines.get(i));
        while (m.find()) {
          if (banned.contains(m.group(1))) {
            found.add(file.getFileName() + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertThat(found).as("names " + pkg + " must not use").isEmpty();
  }
}
