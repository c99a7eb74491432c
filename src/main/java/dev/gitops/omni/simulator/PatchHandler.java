package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code PATCH .../connections/{id}}: only the base role, the environment user attribute and the
 * credentials change in place; any other key is rejected the way zod's strict objects do.
 */
final class PatchHandler {
  static final String MSG_ROLE_AND_ATTRIBUTE =
      "Updated connection default role and user attribute settings.";
  static final String MSG_ATTRIBUTE = "Updated environment user attribute settings.";
  static final String MSG_ROLE = "Updated connection default role.";
  static final String MSG_CREDENTIALS = "Updated connection credentials.";
  static final String MSG_NOTHING = "No updates were made to the connection.";

  private static final Set<String> KEYS =
      Set.of(
          "baseRole",
          EnvironmentChange.CURRENT,
          EnvironmentChange.BETA_NAME,
          EnvironmentChange.BETA_VALUES,
          ValidatedCreate.PASSWORD,
          ValidatedCreate.PRIVATE_KEY);

  private final CreateValidator roles;

  PatchHandler(CreateValidator roles) {
    this.roles = roles;
  }

  /** Validates and applies a PATCH body to a connection of {@code store}; returns the message. */
  String patch(ConnectionStore store, String id, byte[] body) {
    ObjectNode obj =
        new String(body, StandardCharsets.UTF_8).isBlank()
            ? JsonBodies.MAPPER.createObjectNode()
            : JsonBodies.object(body);
    if (obj.isEmpty()) {
      throw ApiError.badRequest("Bad Request: Empty request body");
    }
    List<String> unknown = new ArrayList<>();
    obj.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                unknown.add(k);
              }
            });
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest("Bad Request: formErrors: " + Zod.unrecognizedKeys(unknown));
    }
    String role = null;
    if (obj.has("baseRole")) {
      JsonNode r = obj.get("baseRole");
      if (!r.isTextual() || !roles.roleAccepted(r.textValue())) {
        throw ApiError.field("baseRole", CreateValidator.INVALID_ROLE);
      }
      role = r.textValue();
    }
    EnvironmentChange env = EnvironmentChange.parse(obj);
    Map<String, String> credentials = new LinkedHashMap<>();
    for (String field : List.of(ValidatedCreate.PASSWORD, ValidatedCreate.PRIVATE_KEY)) {
      if (obj.has(field)) {
        credentials.put(field, credential(obj.get(field), field));
      }
    }
    String newRole = role;
    return store.withVisible(id, c -> apply(store, c, newRole, env, credentials));
  }

  private static String credential(JsonNode v, String field) {
    if (!v.isNull() && !v.isTextual()) {
      throw CreateFields.wrongType(field, "string", v);
    }
    if (v.isNull() || v.textValue().isBlank()) {
      throw ApiError.required(field);
    }
    return v.textValue();
  }

  /** Runs under the store lock, so the uniqueness check and the update are atomic. */
  private static String apply(
      ConnectionStore store,
      StoredConnection c,
      String role,
      EnvironmentChange env,
      Map<String, String> credentials) {
    if (c.archived()) {
      throw ApiError.notFound();
    }
    String newName = env.nameSent() ? env.name() : c.attributeName;
    List<String> newValues =
        newName == null ? List.of() : env.valuesSent() ? env.values() : c.attributeValues;
    boolean attributeChanged =
        env.sent()
            && (!Objects.equals(newName, c.attributeName) || !newValues.equals(c.attributeValues));
    boolean roleChanged = role != null && !role.equals(c.baseRole);
    if (attributeChanged && newName != null) {
      checkValuesFree(store, c, newName, newValues);
    }
    String password = credentials.get(ValidatedCreate.PASSWORD);
    if (password != null && c.dialect.equals("bigquery")) {
      ServiceAccountKeyRule.check(password);
    }
    if (roleChanged) {
      c.baseRole = role;
    }
    if (attributeChanged) {
      c.attributeName = newName;
      c.attributeValues = new ArrayList<>(newValues);
    }
    if (!credentials.isEmpty()) {
      c.secrets.putAll(credentials);
      c.credentialsGeneration++;
    }
    if (roleChanged || attributeChanged || !credentials.isEmpty()) {
      c.updatedAt = store.now();
    }
    if (roleChanged && attributeChanged) {
      return MSG_ROLE_AND_ATTRIBUTE;
    }
    if (attributeChanged) {
      return MSG_ATTRIBUTE;
    }
    if (roleChanged) {
      return MSG_ROLE;
    }
    return credentials.isEmpty() ? MSG_NOTHING : MSG_CREDENTIALS;
  }

  /** A default value may select only one live connection per attribute name (per organisation). */
  private static void checkValuesFree(
      ConnectionStore store, StoredConnection self, String name, List<String> values) {
    store.withAll(
        all -> {
          for (String value : values) {
            for (StoredConnection other : all) {
              if (other != self
                  && !other.archived()
                  && name.equals(other.attributeName)
                  && other.attributeValues.contains(value)) {
                throw ApiError.badRequest(
                    "User attribute value \"" + value + "\" is already in use");
              }
            }
          }
          return null;
        });
  }
}
