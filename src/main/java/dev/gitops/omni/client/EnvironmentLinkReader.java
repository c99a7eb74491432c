package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.EnvironmentLink;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads connection-environment records: the list answer (whose shape no source confirms) and the
 * create answer ({@code {"success": true, "data": [{"id", "environmentConnectionId"}]}}). A record
 * without its id or its environment connection makes the answer unreadable (null): the caller could
 * not tell which link it is, and would make it again.
 */
final class EnvironmentLinkReader {

  /** Where the record array may be: each key has a source (a client, the create answer, a spec). */
  private static final List<String> LIST_KEYS =
      List.of("connectionEnvironments", "records", "data");

  private EnvironmentLinkReader() {}

  /**
   * The records of a list or create answer: a bare array or one under a known key; null when the
   * answer is neither or a record is incomplete.
   *
   * @param base the base connection id to assume when a record does not name it (the create answer
   *     names only the environment connection), or null
   */
  static List<EnvironmentLink> list(JsonNode body, String base) {
    JsonNode array = OmniJson.array(body, LIST_KEYS);
    if (array == null) {
      return null;
    }
    List<EnvironmentLink> out = new ArrayList<>();
    for (JsonNode item : array) {
      EnvironmentLink link = read(item, base);
      if (link == null) {
        return null;
      }
      out.add(link);
    }
    return List.copyOf(out);
  }

  /**
   * One record: {@code id}; {@code baseConnectionId}; the environment connection as {@code
   * environmentConnectionId} or {@code connectionId}; {@code userAttributeValues} as an array or a
   * comma-separated string (missing: none).
   */
  static EnvironmentLink read(JsonNode node, String base) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String id = OmniJson.firstText(node, "id");
    String environment = OmniJson.firstText(node, "environmentConnectionId", "connectionId");
    if (id == null || environment == null) {
      return null;
    }
    String baseId = OmniJson.firstText(node, "baseConnectionId");
    return new EnvironmentLink(
        id,
        baseId == null ? base : baseId,
        environment,
        OmniConnectionReader.values(node.get("userAttributeValues")));
  }
}
