package dev.gitops.omni.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's request and reply bodies as JSON: parsing a body that must be an object, the
 * secret-free parts the request journal keeps (key names, a create's name), writing a reply, and
 * zod's type names for error details.
 */
final class JsonBodies {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /**
   * Parses a request body that must be a JSON object. Any other input (empty, malformed, an array)
   * is {@code Bad Request: Invalid JSON}; the parser's message is dropped because it can quote the
   * body, and bodies carry secrets.
   */
  static ObjectNode object(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode obj) {
        return obj;
      }
    } catch (IOException e) {
      // fall through: never echo the parser's message
    }
    throw ApiError.badRequest(ApiError.INVALID_JSON);
  }

  /** The top-level key names of a JSON object body, or none when it is not one. Never values. */
  static List<String> topLevelKeys(byte[] body) {
    List<String> keys = new ArrayList<>();
    if (body == null || body.length == 0) {
      return keys;
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode obj) {
        obj.fieldNames().forEachRemaining(keys::add);
      }
    } catch (IOException e) {
      // not JSON: no keys
    }
    return keys;
  }

  /**
   * The string value of one top-level key of a JSON object body, or null when the body is not an
   * object or the key is missing or not a string. Only for keys that never carry a secret.
   */
  static String topLevelString(byte[] body, String key) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode value = MAPPER.readTree(body).get(key);
      return value != null && value.isTextual() ? value.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** zod's name for a JSON value's type, as in {@code Expected string, received number}. */
  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "undefined";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isArray()) {
      return "array";
    }
    return "object";
  }

  /** A non-blank string {@code field} of {@code parent}, named {@code path} in errors. */
  static String requiredString(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw CreateFields.wrongType(path, "string", v);
    }
    if (v == null || v.isNull() || v.textValue().isBlank()) {
      throw ApiError.required(path);
    }
    return v.textValue();
  }

  /**
   * A list of strings: an array, or one comma-separated string (as older Omni instances took it);
   * none for a missing or null node.
   *
   * @param shape the type named when the node is neither ("string" or "array")
   * @param trimItems whether array items are trimmed and blank ones dropped, as comma parts are
   */
  static List<String> commaOrArray(JsonNode node, String path, String shape, boolean trimItems) {
    List<String> out = new java.util.ArrayList<>();
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
      throw CreateFields.wrongType(path, shape, node);
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual()) {
        throw CreateFields.wrongType(path + "." + i, "string", v);
      }
      if (!trimItems) {
        out.add(v.textValue());
      } else if (!v.textValue().isBlank()) {
        out.add(v.textValue().trim());
      }
    }
    return out;
  }
}
