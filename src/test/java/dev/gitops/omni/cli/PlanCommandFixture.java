package dev.gitops.omni.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What {@code plan} tests write (an OmniConnection manifest) and how they read its output. */
final class PlanCommandFixture {
  static final ObjectMapper JSON = new ObjectMapper();

  private PlanCommandFixture() {}

  /** A postgres OmniConnection {@code name} in namespace team, with {@code extra} spec lines. */
  static String pg(String name, String extra) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: %s, namespace: team}
        spec:
          dialect: postgres
          database: analytics
          baseRole: VIEWER
          passwordSecretRef: {name: pg, key: password}
        %s
        """
        .formatted(name, extra.indent(2));
  }

  /** The text output's line for {@code resource}. */
  static String line(String out, String resource) {
    return out.lines()
        .filter(l -> l.contains(" " + resource + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + resource + " in\n" + out));
  }

  /** The JSON output's entry for {@code resource}. */
  static JsonNode find(JsonNode doc, String resource) {
    for (JsonNode n : doc.path("resources")) {
      if (n.path("resource").asText().equals(resource)) {
        return n;
      }
    }
    throw new AssertionError("no " + resource + " in " + doc);
  }
}
