package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.WireField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one connection object of a list or get answer, leniently: unknown fields are ignored,
 * missing ones become null, and the variations seen on live instances are normalised.
 */
final class OmniConnectionReader {

  private OmniConnectionReader() {}

  static ObservedConnection read(JsonNode node) {
    String attributeName =
        blankToNull(OmniJson.text(node, WireField.ENVIRONMENT_ATTRIBUTE_NAME.wire()));
    List<String> defaults = values(node.get(WireField.ENVIRONMENT_DEFAULT_VALUES.wire()));
    JsonNode nested = node.get(WireField.ENVIRONMENT_USER_ATTRIBUTE.wire());
    if (attributeName == null && nested != null && nested.isObject()) {
      // The PATCH shape, should a newer instance echo it back in its reads.
      attributeName = blankToNull(OmniJson.text(nested, "attributeName"));
      defaults = values(nested.get("defaultValues"));
    }
    return new ObservedConnection(
        OmniJson.text(node, WireField.ID.wire()),
        OmniJson.text(node, WireField.NAME.wire()),
        dialect(OmniJson.text(node, WireField.DIALECT.wire())),
        OmniJson.text(node, WireField.DATABASE.wire()),
        OmniJson.text(node, WireField.DEFAULT_SCHEMA.wire()),
        OmniJson.text(node, WireField.BASE_ROLE.wire()),
        attributeName,
        defaults,
        OmniJson.text(node, WireField.DELETED_AT.wire()));
  }

  /** {@code sqlserver} is how some instances report a connection created as {@code mssql}. */
  static String dialect(String dialect) {
    if (dialect == null) {
      return null;
    }
    String lower = dialect.strip().toLowerCase(Locale.ROOT);
    return lower.equals("sqlserver") ? "mssql" : lower;
  }

  /** An array of values, or one comma-separated string; trimmed, empties dropped. */
  static List<String> values(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(
          item -> {
            if (item.isValueNode() && !item.isNull()) {
              addTrimmed(out, item.asText());
            }
          });
    } else if (node.isValueNode()) {
      for (String part : node.asText().split(",")) {
        addTrimmed(out, part);
      }
    }
    return out;
  }

  private static void addTrimmed(List<String> out, String value) {
    String trimmed = value.strip();
    if (!trimmed.isEmpty()) {
      out.add(trimmed);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
