package dev.gitops.omni.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The one Jackson mapper of the client and small lenient tree helpers. */
final class OmniJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          // "123 <html>" is not JSON: read the whole body or nothing.
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  private OmniJson() {}

  /** The body as a JSON tree, or null when it is empty or not JSON. */
  static JsonNode parseOrNull(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * A field as text: strings as they are, numbers and booleans printed; null when absent, JSON
   * null, an object or an array.
   */
  static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    return value.asText();
  }

  /** The first of the fields with a non-blank text value, stripped; or null. */
  static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = text(node, field);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  /** The body itself when it is an array, else the first of {@code keys} holding one; or null. */
  static JsonNode array(JsonNode body, List<String> keys) {
    if (body != null && body.isArray()) {
      return body;
    }
    if (body == null || !body.isObject()) {
      return null;
    }
    return keys.stream()
        .map(body::get)
        .filter(n -> n != null && n.isArray())
        .findFirst()
        .orElse(null);
  }

  /** A value rendered for a human: a string as it is, anything else as compact JSON. */
  static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
