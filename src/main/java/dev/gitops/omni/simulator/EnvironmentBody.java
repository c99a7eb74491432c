package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    String base = JsonBodies.requiredString(obj, BASE, BASE);
    List<String> ids = entries(obj.get(ENVIRONMENTS), ENVIRONMENTS);
    if (ids.isEmpty()) {
      throw ApiError.required(ENVIRONMENTS);
    }
    return new EnvironmentBody(base.trim(), ids);
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
    return JsonBodies.commaOrArray(node, field, "string", true);
  }
}
