package dev.gitops.omni.core;

import static dev.gitops.omni.connection.WireField.*;

import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import dev.gitops.omni.model.OmniConnectionSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates a spec into Omni's fields. Omni can change only baseRole, the environment attribute
 * and two credentials in place; every other setting is immutable and recorded in {@code
 * status.appliedSettings} so a later edit is recognised (docs/omni-api.md).
 */
public final class WireSettings {
  private WireSettings() {}

  /** The appliedSettings key that records which Secret key holds the OAuth client secret. */
  static final String OAUTH_SECRET_REF = "oauthClientSecretRef";

  /** The create: every immutable setting, and the base role (Omni takes it on create too). */
  public static NewConnection newConnection(OmniConnectionSpec s, String name) {
    Map<WireField, Object> m = immutableSettings(s, name);
    put(m, BASE_ROLE, s.baseRole);
    return NewConnection.of(m);
  }

  /** The settings Omni cannot change in place, by field, lists joined with commas. */
  static Map<WireField, Object> immutableSettings(OmniConnectionSpec s, String name) {
    Map<WireField, Object> m = new EnumMap<>(WireField.class);
    put(m, DIALECT, s.dialect == null ? null : s.dialect.wire());
    put(m, NAME, name);
    put(m, HOST, s.host);
    put(m, PORT, s.port);
    put(m, DATABASE, s.database);
    put(m, USERNAME, s.username);
    put(m, WAREHOUSE, s.warehouse);
    put(m, REGION, s.region);
    put(m, DEFAULT_SCHEMA, s.defaultSchema);
    put(m, INCLUDE_SCHEMAS, join(s.includeSchemas));
    put(m, INCLUDE_OTHER_CATALOGS, join(s.includeOtherCatalogs));
    put(m, OFFLOADED_SCHEMAS, join(s.offloadedSchemas));
    put(m, MAX_BILLING_BYTES, s.maxBillingBytes == null ? null : s.maxBillingBytes.toString());
    put(m, USE_MACHINE_AUTH, s.useMachineAuth);
    put(m, QUERY_TIMEOUT_SECONDS, s.queryTimeoutSeconds);
    put(m, SCRATCH_SCHEMA, s.scratchSchema);
    put(m, SYSTEM_TIMEZONE, s.systemTimezone);
    put(m, QUERY_TIMEZONE, s.queryTimezone);
    put(m, ALLOWS_USER_SPECIFIC_TIMEZONES, s.allowsUserSpecificTimezones);
    put(m, TRUST_SERVER_CERTIFICATE, s.trustServerCertificate);
    put(m, ACCEPTS_LICENSE, s.acceptsLicense);
    put(m, ALWAYS_SCOPE_VIEW_NAMES, s.alwaysScopeViewNames);
    put(m, INFER_RELATIONSHIPS_FROM_COLUMN_NAMES, s.inferRelationshipsFromColumnNames);
    put(m, INFER_RELATIONSHIPS_FROM_FOREIGN_KEYS, s.inferRelationshipsFromForeignKeys);
    put(m, ENABLE_DB_SEMANTIC_LAYER_INTEGRATION, s.enableDbSemanticLayerIntegration);
    put(m, ENABLE_DB_SEMANTIC_LAYER_TOPICS, s.enableDbSemanticLayerTopics);
    put(m, AUTHENTICATION_TYPE, s.authenticationType);
    put(m, AWS_ROLE_ARN, s.awsRoleArn);
    put(m, HOST_OVERRIDE, s.hostOverride);
    put(m, OAUTH_CLIENT_ID, s.oauthClientId);
    put(m, EXTERNAL_OAUTH_AUDIENCE, s.externalOauthAudience);
    put(m, EXTERNAL_OAUTH_AUTHORIZATION_URL, s.externalOauthAuthorizationUrl);
    put(m, EXTERNAL_OAUTH_TOKEN_URL, s.externalOauthTokenUrl);
    return m;
  }

  /**
   * The immutable settings as strings by wire name, sorted, plus where the OAuth client secret
   * lives: what {@code status.appliedSettings} records besides the base role and environment.
   */
  public static Map<String, String> immutable(OmniConnectionSpec s, String name) {
    Map<String, String> m = new TreeMap<>();
    immutableSettings(s, name).forEach((k, v) -> m.put(k.wire(), String.valueOf(v)));
    if (s.oauthClientSecretRef != null) {
      m.put(OAUTH_SECRET_REF, s.oauthClientSecretRef.name + "/" + s.oauthClientSecretRef.key);
    }
    return m;
  }

  /** The environment attribute as recorded in appliedSettings ("" when none). */
  public static String environmentKey(EnvironmentUserAttribute e) {
    return e == null ? "" : e.attributeName + "=" + String.join(",", values(e.defaultValues));
  }

  /** The same key for what Omni's list reports. */
  public static String environmentKey(String attributeName, List<String> values) {
    return attributeName == null || attributeName.isBlank()
        ? ""
        : attributeName + "=" + String.join(",", values(values));
  }

  private static List<String> values(List<String> v) {
    return v == null ? List.of() : v;
  }

  private static String join(List<String> list) {
    return list == null || list.isEmpty() ? null : String.join(",", list);
  }

  private static void put(Map<WireField, Object> m, WireField k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
