package dev.gitops.omni.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

  /** A value rendered for a human: a string as it is, anything else as compact JSON. */
  static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
