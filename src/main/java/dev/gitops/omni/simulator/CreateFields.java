package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The documented create body fields and their JSON types, checked zod-style. */
final class CreateFields {
  enum Type {
    STRING,
    INTEGER,
    BOOLEAN
  }

  private static final Map<String, Type> FIELDS = new LinkedHashMap<>();

  static {
    for (String f :
        new String[] {
          "dialect",
          "name",
          "passwordUnencrypted",
          "host",
          "database",
          "username",
          "warehouse",
          "region",
          "defaultSchema",
          "includeSchemas",
          "includeOtherCatalogs",
          "maxBillingBytes",
          "baseRole",
          "scratchSchema",
          "systemTimezone",
          "queryTimezone",
          "authenticationType",
          "awsRoleArn",
          "hostOverride",
          "privateKey",
          "oauthClientId",
          "oauthClientSecretUnencrypted",
          "externalOauthAudience",
          "externalOauthAuthorizationUrl",
          "externalOauthTokenUrl"
        }) {
      FIELDS.put(f, Type.STRING);
    }
    FIELDS.put("port", Type.INTEGER);
    FIELDS.put("queryTimeoutSeconds", Type.INTEGER);
    for (String f :
        new String[] {
          "useMachineAuth",
          "trustServerCertificate",
          "acceptsLicense",
          "allowsUserSpecificTimezones",
          "alwaysScopeViewNames",
          "inferRelationshipsFromColumnNames",
          "inferRelationshipsFromForeignKeys",
          "enableDbSemanticLayerIntegration",
          "enableDbSemanticLayerTopics"
        }) {
      FIELDS.put(f, Type.BOOLEAN);
    }
  }

  private CreateFields() {}

  static Set<String> names() {
    return FIELDS.keySet();
  }

  /**
   * Checks the JSON type of every documented field that was sent (null counts as not sent): {@code
   * Bad Request: port: Expected integer, received string}.
   */
  static void checkTypes(ObjectNode body) {
    FIELDS.forEach(
        (field, type) -> {
          JsonNode v = body.get(field);
          if (v == null || v.isNull()) {
            return;
          }
          switch (type) {
            case STRING -> {
              if (!v.isTextual()) {
                throw wrongType(field, "string", v);
              }
            }
            case INTEGER -> {
              if (v.isNumber() && !v.isIntegralNumber()) {
                throw ApiError.field(field, "Expected integer, received float");
              }
              if (!v.isNumber()) {
                throw wrongType(field, "number", v);
              }
            }
            case BOOLEAN -> {
              if (!v.isBoolean()) {
                throw wrongType(field, "boolean", v);
              }
            }
          }
        });
  }

  static ApiError wrongType(String field, String expected, JsonNode actual) {
    return ApiError.field(
        field, "Expected " + expected + ", received " + JsonBodies.typeName(actual));
  }

  static Object javaValue(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.canConvertToLong()) {
      return v.longValue();
    }
    return v.numberValue();
  }
}
