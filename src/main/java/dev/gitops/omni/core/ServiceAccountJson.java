package dev.gitops.omni.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a BigQuery credential is a Google service-account JSON document with the keys Omni
 * requires. Problems name keys only, never the content.
 */
public final class ServiceAccountJson {
  private ServiceAccountJson() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> REQUIRED_KEYS =
      List.of(
          "type",
          "project_id",
          "private_key_id",
          "private_key",
          "client_email",
          "client_id",
          "auth_uri",
          "token_uri",
          "auth_provider_x509_cert_url",
          "client_x509_cert_url");

  /** Empty when valid; otherwise what is wrong, without any of the content. */
  public static Optional<String> problem(String value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (Exception e) {
      return Optional.of("it is not JSON");
    }
    if (node == null || !node.isObject()) {
      return Optional.of("it is not a JSON object");
    }
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED_KEYS) {
      JsonNode v = node.get(key);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of("it lacks " + String.join(", ", missing));
    }
    if (!"service_account".equals(node.get("type").asText())) {
      return Optional.of("its type is not service_account");
    }
    return Optional.empty();
  }
}
