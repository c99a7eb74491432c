package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.omni.model.Dialect;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a create body ({@code POST .../connections}) the way the reference describes, with
 * Omni's exact error details, and turns it into a {@link ValidatedCreate}. Keys the reference does
 * not list are ignored (nothing documents that Omni rejects them). A JSON {@code null} counts as
 * "not sent".
 */
final class CreateValidator {
  static final Set<String> DOCUMENTED_ROLES =
      Set.of("NO_ACCESS", "VIEWER", "RESTRICTED_QUERIER", "QUERIER", "MODELER", "CONNECTION_ADMIN");
  static final String INVALID_DIALECT = "Invalid connection dialect";
  static final String INVALID_ROLE = "Invalid enum value";
  static final String SNOWFLAKE_HOST = "Please only include your Snowflake account identifier";
  static final int MAX_QUERY_TIMEOUT_SECONDS = 3600;

  private static final Set<String> DIALECTS =
      Set.copyOf(Arrays.stream(Dialect.values()).map(Dialect::wire).toList());
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern NOT_ACCOUNT_ID = Pattern.compile("[.:/]");

  private final Set<String> customRoles;

  CreateValidator(Set<String> customRoles) {
    this.customRoles = Set.copyOf(customRoles);
  }

  ValidatedCreate validate(byte[] body) {
    return validate(JsonBodies.object(body));
  }

  ValidatedCreate validate(ObjectNode body) {
    String dialect = dialect(body);
    String name = requiredText(body, "name");
    boolean keyPair = dialect.equals("snowflake") && present(body, ValidatedCreate.PRIVATE_KEY);
    CreateFields.checkTypes(body);
    if (!keyPair) {
      requiredText(body, ValidatedCreate.PASSWORD);
    }
    checkDialectRules(dialect, body);
    String role = text(body, "baseRole");
    if (role != null && !roleAccepted(role)) {
      throw ApiError.field("baseRole", INVALID_ROLE);
    }
    JsonNode timeout = body.get("queryTimeoutSeconds");
    if (timeout != null && timeout.isNumber() && timeout.longValue() > MAX_QUERY_TIMEOUT_SECONDS) {
      throw ApiError.field(
          "queryTimeoutSeconds",
          "Number must be less than or equal to " + MAX_QUERY_TIMEOUT_SECONDS);
    }
    return build(dialect, name, role, body);
  }

  boolean roleAccepted(String role) {
    return DOCUMENTED_ROLES.contains(role) || customRoles.contains(role);
  }

  private static String dialect(ObjectNode body) {
    JsonNode d = body.get("dialect");
    if (d == null || d.isNull()) {
      throw ApiError.required("dialect");
    }
    if (!d.isTextual() || !DIALECTS.contains(d.textValue())) {
      throw ApiError.badRequest(INVALID_DIALECT);
    }
    return d.textValue();
  }

  private static void checkDialectRules(String dialect, ObjectNode body) {
    switch (dialect) {
      case "snowflake" -> {
        requiredText(body, "warehouse");
        String host = text(body, "host");
        if (host != null && NOT_ACCOUNT_ID.matcher(host).find()) {
          throw ApiError.field("host", SNOWFLAKE_HOST);
        }
      }
      case "databricks" -> requiredText(body, "warehouse");
      case "mssql" -> requiredText(body, "defaultSchema");
      case "oracle" -> {
        JsonNode license = body.get("acceptsLicense");
        if (license == null || license.isNull()) {
          throw ApiError.required("acceptsLicense");
        }
        if (!license.booleanValue()) {
          throw ApiError.field("acceptsLicense", "Invalid literal value, expected true");
        }
      }
      case "bigquery" -> ServiceAccountKeyRule.check(text(body, ValidatedCreate.PASSWORD));
      default -> {
        // no extra rules documented
      }
    }
    String bytes = text(body, "maxBillingBytes");
    if (bytes != null) {
      if (!dialect.equals("bigquery")) {
        throw ApiError.field("maxBillingBytes", "Only supported for BigQuery connections");
      }
      if (!DIGITS.matcher(bytes).matches()) {
        throw ApiError.field("maxBillingBytes", "Must contain only digits");
      }
    }
  }

  private static ValidatedCreate build(String dialect, String name, String role, ObjectNode body) {
    Map<String, Object> settings = new LinkedHashMap<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String field : CreateFields.names()) {
      JsonNode v = body.get(field);
      if (v == null || v.isNull() || field.equals("name") || field.equals("dialect")) {
        continue;
      }
      if (ValidatedCreate.SECRET_FIELDS.contains(field)) {
        if (!v.textValue().isEmpty()) {
          secrets.put(field, v.textValue());
        }
      } else if (!field.equals("baseRole")) {
        settings.put(field, CreateFields.javaValue(v));
      }
    }
    if (dialect.equals("bigquery")) {
      settings.putIfAbsent("region", "us");
    }
    return new ValidatedCreate(name, dialect, role, null, List.of(), settings, secrets);
  }

  private static boolean present(ObjectNode body, String field) {
    String v = text(body, field);
    return v != null && !v.isBlank();
  }

  /** A required string: absent, null or blank is {@code Bad Request: <field>: Required}. */
  private static String requiredText(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw CreateFields.wrongType(field, "string", v);
    }
    if (v == null || v.isNull() || v.textValue().isBlank()) {
      throw ApiError.required(field);
    }
    return v.textValue();
  }

  private static String text(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }
}
