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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every resource of ours in examples/ and examples-two-teams/ passes its CRD's schema and CEL rules
 * (OmniConnection, OmniInstance, ClusterOmniInstance), and every OmniConnection the Java rules.
 */
class CrdExamplesTest {
  /** The directories of example manifests. */
  static final List<String> DIRECTORIES = List.of("examples", "examples-two-teams");

  /** The kinds of our group, each with its committed CRD's schema and spec rules. */
  record Kind(Schema schema, List<CrdFixture.CelRule> rules) {
    static Kind of(String kind) {
      JsonNode openApi = CrdFixture.openApiSchema(CrdFixture.crd(CrdFixture.crdFile(kind)));
      return new Kind(CrdFixture.jsonSchema(openApi), CrdFixture.specRules(openApi));
    }
  }

  static final Map<String, Kind> KINDS =
      Map.of(
          "OmniConnection", Kind.of("OmniConnection"),
          "OmniInstance", Kind.of("OmniInstance"),
          "ClusterOmniInstance", Kind.of("ClusterOmniInstance"));

  /** Every resource of our group in the example directories (multi-document YAML) is valid. */
  @TestFactory
  Stream<DynamicTest> examplesAreValid() throws IOException {
    Path base = Path.of(System.getProperty("project.basedir", "."));
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> kindsSeen = new TreeSet<>();
    for (String directory : DIRECTORIES) {
      Path examples = base.resolve(directory);
      assertThat(examples).as("%s/ exists", directory).isDirectory();
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
                || !doc.path("apiVersion").asText().startsWith(OmniConnection.GROUP + "/")) {
              continue;
            }
            String kind = doc.path("kind").asText();
            kindsSeen.add(kind);
            String name =
                base.relativize(file)
                    + " #"
                    + index
                    + " "
                    + kind
                    + " "
                    + doc.at("/metadata/name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> assertExampleValid(name, kind, doc)));
          }
        }
      }
    }
    assertThat(kindsSeen)
        .as("the examples show every kind")
        .containsExactlyInAnyOrderElementsOf(KINDS.keySet());
    return tests.stream();
  }

  /** The instances' CEL rules see tokenSecretRef.namespace (escaped as the API server does). */
  @org.junit.jupiter.api.Test
  void theInstanceRulesJudgeTheTokenSecretsNamespace() throws IOException {
    JsonNode withNamespace =
        CrdFixture.YAML.readTree(
            "{url: 'https://x.omniapp.co', tokenSecretRef: {name: k, namespace: ops}}");
    JsonNode without =
        CrdFixture.YAML.readTree("{url: 'https://x.omniapp.co', tokenSecretRef: {name: k}}");
    List<CrdFixture.CelRule> cluster = KINDS.get("ClusterOmniInstance").rules();
    List<CrdFixture.CelRule> namespaced = KINDS.get("OmniInstance").rules();
    assertThat(CrdFixture.celViolations(cluster, withNamespace)).isEmpty();
    assertThat(CrdFixture.celViolations(cluster, without))
        .containsExactly("tokenSecretRef.namespace is required on a ClusterOmniInstance");
    assertThat(CrdFixture.celViolations(namespaced, without)).isEmpty();
    assertThat(CrdFixture.celViolations(namespaced, withNamespace)).hasSize(1);
  }

  private static void assertExampleValid(String name, String kind, JsonNode doc)
      throws IOException {
    assertThat(KINDS).as("%s: a kind of %s", name, OmniConnection.GROUP).containsKey(kind);
    Kind k = KINDS.get(kind);
    assertThat(doc.path("apiVersion").asText())
        .isEqualTo(OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    assertThat(CrdFixture.schemaErrors(k.schema(), doc)).as("%s: schema errors", name).isEmpty();
    assertThat(doc.path("spec").isObject()).as("%s: has a spec", name).isTrue();
    assertThat(CrdFixture.celViolations(k.rules(), doc.path("spec")))
        .as("%s: CEL rules broken", name)
        .isEmpty();
    if (kind.equals("OmniConnection")) {
      OmniConnectionSpec spec =
          CrdFixture.YAML.treeToValue(doc.path("spec"), OmniConnectionSpec.class);
      assertThat(SpecRules.check(spec)).as("Java spec rules").isEmpty();
    } else {
      assertThat(doc.at("/metadata/namespace").isMissingNode())
          .as("%s: an OmniInstance is namespaced, a ClusterOmniInstance is not", name)
          .isEqualTo(kind.equals("ClusterOmniInstance"));
    }
  }
}
