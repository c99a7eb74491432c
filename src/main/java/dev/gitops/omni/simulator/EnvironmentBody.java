package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bodies of the connection-environments calls. Lists are read in both shapes the sources give:
 * a comma-separated string (Omni's docs) or an array of strings (its machine-readable spec).
 * Entries are trimmed, blank ones dropped and repeats kept once. Other keys are ignored.
 *
 * @param baseConnectionId the base connection of a POST
 * @param environmentConnectionIds the environment connections of a POST, as sent (repeats kept, so
 *     the store can refuse a connection linked twice)
 */
record EnvironmentBody(String baseConnectionId, List<String> environmentConnectionIds) {
  static final String BASE = "baseConnectionId";
  static final String ENVIRONMENTS = "environmentConnectionIds";
  static final String VALUES = "userAttributeValues";

  EnvironmentBody {
    environmentConnectionIds = List.copyOf(environmentConnectionIds);
  }

  /** A POST body: {@code baseConnectionId} and at least one environment connection id. */
  static EnvironmentBody link(byte[] body) {
    ObjectNode obj = JsonBodies.object(body);
    JsonNode base = obj.get(BASE);
    if (base != null && !base.isNull() && !base.isTextual()) {
      throw CreateFields.wrongType(BASE, "string", base);
    }
    if (base == null || base.isNull() || base.textValue().isBlank()) {
      throw ApiError.required(BASE);
    }
    List<String> ids = entries(obj.get(ENVIRONMENTS), ENVIRONMENTS);
    if (ids.isEmpty()) {
      throw ApiError.required(ENVIRONMENTS);
    }
    return new EnvironmentBody(base.textValue().trim(), ids);
  }

  /** A PUT body: {@code userAttributeValues}, required but may be empty; repeats kept once. */
  static List<String> values(byte[] body) {
    JsonNode values = JsonBodies.object(body).get(VALUES);
    if (values == null || values.isNull()) {
      throw ApiError.required(VALUES);
    }
    Set<String> once = new LinkedHashSet<>(entries(values, VALUES));
    return List.copyOf(once);
  }

  private static List<String> entries(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      for (String v : node.textValue().split(",")) {
        if (!v.isBlank()) {
          out.add(v.trim());
        }
      }
      return out;
    }
    if (!node.isArray()) {
      throw CreateFields.wrongType(field, "string", node);
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual()) {
        throw CreateFields.wrongType(field + "." + i, "string", v);
      }
      if (!v.textValue().isBlank()) {
        out.add(v.textValue().trim());
      }
    }
    return out;
  }
}
