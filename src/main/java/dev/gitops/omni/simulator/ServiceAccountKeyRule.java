package dev.gitops.omni.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The simulator's own copy of Omni's BigQuery credential rule ({@code docs/omni-api.md}, "Dialect
 * rules the planner checks before any call"): {@code passwordUnencrypted} must be a Google
 * service-account key, that is a JSON object whose {@code type} is {@code service_account} and
 * which carries every key field below as a non-blank string. It is written here, not borrowed from
 * the operator, so that the fake Omni can disagree with the code under test when that code is
 * wrong. Applied on create and on a PATCH that rotates the password.
 */
final class ServiceAccountKeyRule {
  /** Simulator-chosen detail: the reference does not give Omni's text for this case. */
  static final String INVALID = "Invalid service account JSON";

  /** The only {@code type} a service-account key has. */
  static final String SERVICE_ACCOUNT = "service_account";

  /** The fields of a key file as Google issues it; each must be a non-blank string. */
  static final List<String> KEY_FIELDS =
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

  private ServiceAccountKeyRule() {}

  /**
   * Rejects a password that is not a service-account key with {@code Bad Request:
   * passwordUnencrypted: Invalid service account JSON}. The detail never quotes the value.
   */
  static void check(String password) {
    if (!accepts(password)) {
      throw ApiError.field(ValidatedCreate.PASSWORD, INVALID);
    }
  }

  /** Whether the value is a service-account key; null and blank are not. */
  static boolean accepts(String password) {
    if (password == null || password.isBlank()) {
      return false;
    }
    JsonNode key;
    try {
      key = JsonBodies.MAPPER.readTree(password);
    } catch (JsonProcessingException e) {
      return false; // not JSON; the parser's message is dropped as it can quote the secret
    }
    if (key == null || !key.isObject()) {
      return false;
    }
    for (String field : KEY_FIELDS) {
      JsonNode value = key.get(field);
      if (value == null || !value.isTextual() || value.textValue().isBlank()) {
        return false;
      }
    }
    return SERVICE_ACCOUNT.equals(key.get("type").textValue());
  }
}
