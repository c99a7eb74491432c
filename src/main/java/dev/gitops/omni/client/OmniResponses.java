package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.ObservedConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Omni's success bodies. Each method returns null when the body does not have the expected
 * shape, so the caller decides what a malformed answer means for its call.
 */
final class OmniResponses {

  /** Where the connection array has been seen: {@code connections}, {@code records}. */
  private static final List<String> LIST_KEYS = List.of("connections", "records", "data");

  private OmniResponses() {}

  /** The id of {@code {"success": true, "data": "<uuid>"}}; also {@code data.id} or {@code id}. */
  static String createdId(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    JsonNode data = body.get("data");
    String id = data != null && data.isObject() ? OmniJson.text(data, "id") : null;
    if (id == null) {
      id = OmniJson.text(body, "data");
    }
    if (id == null) {
      id = OmniJson.text(body, "id");
    }
    return id == null || id.isBlank() ? null : id.strip();
  }

  /** The {@code message} of a PATCH answer, or "" when a JSON object has none. */
  static String message(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    String message = OmniJson.text(body, "message");
    return message == null ? "" : message;
  }

  /** The connections of a list answer: under a known key, or a bare array. */
  static List<ObservedConnection> list(JsonNode body) {
    JsonNode array = OmniJson.array(body, LIST_KEYS);
    if (array == null) {
      return null;
    }
    List<ObservedConnection> out = new ArrayList<>();
    for (JsonNode item : array) {
      if (item.isObject()) {
        out.add(OmniConnectionReader.read(item));
      }
    }
    return List.copyOf(out);
  }

  /** The connection of a get answer: {@code {"connection": {...}}}, or the bare object. */
  static ObservedConnection one(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    JsonNode wrapped = body.get("connection");
    if (wrapped != null && wrapped.isObject()) {
      return OmniConnectionReader.read(wrapped);
    }
    return body.has("id") ? OmniConnectionReader.read(body) : null;
  }
}
