package dev.gitops.omni.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values {@code import} could not know and left as {@code <fill in: ...>}: {@code plan} lists them
 * so that they are not applied by mistake.
 */
final class Placeholders {
  private Placeholders() {}

  static final String PREFIX = "<fill in";
  private static final ObjectMapper JSON = new ObjectMapper();

  static String of(String what) {
    return PREFIX + ": " + what + ">";
  }

  /** The spec fields holding a placeholder, like {@code spec.warehouse}. */
  static List<String> in(Object spec) {
    List<String> out = new ArrayList<>();
    if (spec != null) {
      walk(JSON.valueToTree(spec), "spec", out);
    }
    return out;
  }

  private static void walk(JsonNode node, String path, List<String> out) {
    if (node.isTextual() && node.textValue().startsWith(PREFIX)) {
      out.add(path);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(e.getValue(), path + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", out);
      }
    }
  }
}
