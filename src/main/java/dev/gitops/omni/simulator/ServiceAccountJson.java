package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Checks a BigQuery {@code passwordUnencrypted}: a service-account JSON document with {@code type}
 * = {@code service_account} and every key the reference lists, each a non-empty string.
 */
final class ServiceAccountJson {
  /** Simulator-chosen detail: the reference does not give Omni's text for this case. */
  static final String INVALID = "Invalid service account JSON";

  static final List<String> KEYS =
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

  private ServiceAccountJson() {}

  static boolean isValid(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(value);
    } catch (IOException e) {
      return false; // never echo the parser message: it quotes the secret
    }
    if (doc == null || !doc.isObject() || !"service_account".equals(doc.path("type").asText())) {
      return false;
    }
    for (String key : KEYS) {
      JsonNode v = doc.get(key);
      if (v == null || !v.isTextual() || v.textValue().isBlank()) {
        return false;
      }
    }
    return true;
  }
}
