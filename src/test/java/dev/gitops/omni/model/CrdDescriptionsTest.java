package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The descriptions kubectl explain shows: every property of the CRD's schema has one. */
class CrdDescriptionsTest {
  /** kubectl explain shows these: every property, spec and status, recursively, has one. */
  @Test
  void everyPropertyHasADescription() {
    JsonNode root = CrdFixture.openApiSchema();
    List<String> seen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    walk(root, "", seen, missing);
    assertThat(seen)
        .as("properties walked")
        .contains("spec", "status", "spec.passwordSecretRef.key");
    assertThat(seen).as("properties walked").contains("status.conditions.reason");
    assertThat(seen.size()).as("properties walked").isGreaterThan(60);
    assertThat(missing).as("properties without a description").isEmpty();
  }

  private static void walk(
      JsonNode schemaNode, String path, List<String> seen, List<String> missing) {
    Iterator<Map.Entry<String, JsonNode>> props = schemaNode.path("properties").fields();
    while (props.hasNext()) {
      Map.Entry<String, JsonNode> p = props.next();
      String name = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
      seen.add(name);
      if (p.getValue().path("description").asText("").isBlank()) {
        missing.add(name);
      }
      walk(p.getValue(), name, seen, missing);
    }
    if (schemaNode.path("items").isObject()) {
      walk(schemaNode.path("items"), path, seen, missing);
    }
    if (schemaNode.path("additionalProperties").isObject()) {
      walk(schemaNode.path("additionalProperties"), path, seen, missing);
    }
  }

  @Test
  void descriptionWalkReportsAMissingDescription() throws IOException {
    // the walk itself must find a nested property without a description
    JsonNode s =
        CrdFixture.YAML.readTree(
            """
            properties:
              a:
                description: A
                items:
                  properties:
                    b: {type: string}
            """);
    List<String> missing = new ArrayList<>();
    walk(s, "", new ArrayList<>(), missing);
    assertThat(missing).containsExactly("a.b");
  }
}
