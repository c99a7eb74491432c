package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.networknt.schema.Schema;
import dev.gitops.omni.core.SpecRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every OmniConnection in examples/ passes the CRD's schema, its CEL rules and the Java rules. */
class CrdExamplesTest {
  static final Schema schema = CrdFixture.jsonSchema();
  static final List<CrdFixture.CelRule> rules = CrdFixture.specRules();

  /** Every OmniConnection in examples/ (multi-document YAML) passes schema and CEL rules. */
  @TestFactory
  Stream<DynamicTest> examplesAreValid() throws IOException {
    Path examples = Path.of(System.getProperty("project.basedir", "."), "examples");
    Assumptions.assumeTrue(Files.isDirectory(examples), "no examples/ directory");
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(examples)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      int index = 0;
      try (MappingIterator<JsonNode> docs =
          CrdFixture.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          index++;
          if (doc == null
              || !"OmniConnection".equals(doc.path("kind").asText())
              || !doc.path("apiVersion").asText().startsWith(OmniConnection.GROUP + "/")) {
            continue;
          }
          String name =
              examples.relativize(file) + " #" + index + " " + doc.at("/metadata/name").asText();
          tests.add(DynamicTest.dynamicTest(name, () -> assertExampleValid(name, doc)));
        }
      }
    }
    Assumptions.assumeFalse(tests.isEmpty(), "no OmniConnection in examples/");
    return tests.stream();
  }

  private static void assertExampleValid(String name, JsonNode doc) throws IOException {
    assertThat(doc.path("apiVersion").asText())
        .isEqualTo(OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    assertThat(CrdFixture.schemaErrors(schema, doc)).as("%s: schema errors", name).isEmpty();
    assertThat(doc.path("spec").isObject()).as("%s: has a spec", name).isTrue();
    assertThat(CrdFixture.celViolations(rules, doc.path("spec")))
        .as("%s: CEL rules broken", name)
        .isEmpty();
    OmniConnectionSpec spec =
        CrdFixture.YAML.treeToValue(doc.path("spec"), OmniConnectionSpec.class);
    assertThat(SpecRules.check(spec)).as("Java spec rules").isEmpty();
  }
}
