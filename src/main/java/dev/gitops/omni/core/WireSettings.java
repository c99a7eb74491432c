package dev.gitops.omni.core;

import dev.gitops.omni.model.EnvironmentUserAttribute;
import dev.gitops.omni.model.OmniConnectionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates a spec into Omni's wire fields. Omni can change only baseRole, the environment
 * attribute and credentials in place; every other setting is immutable and recorded in {@code
 * status.appliedSettings} so a later edit is recognised.
 */
public final class WireSettings {
  private WireSettings() {}

  /** Keys of {@code appliedSettings} that Omni can change in place. */
  public static final String BASE_ROLE = "baseRole";

  public static final String ENVIRONMENT = "environmentUserAttribute";

  /** Immutable settings Omni's list returns, so drift on them can be seen. */
  static final Set<String> OBSERVABLE_IMMUTABLE = Set.of("name", "dialect", "database");

  /** The non-secret create body: every set field by its Omni name, lists joined with commas. */
  public static Map<String, Object> createBody(OmniConnectionSpec s, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "dialect", s.dialect == null ? null : s.dialect.wire());
    put(m, "name", name);
    put(m, "host", s.host);
    put(m, "port", s.port);
    put(m, "database", s.database);
    put(m, "username", s.username);
    put(m, "warehouse", s.warehouse);
    put(m, "region", s.region);
    put(m, "defaultSchema", s.defaultSchema);
    put(m, "includeSchemas", join(s.includeSchemas));
    put(m, "includeOtherCatalogs", join(s.includeOtherCatalogs));
    put(m, "offloadedSchemas", join(s.offloadedSchemas));
    put(m, "maxBillingBytes", s.maxBillingBytes == null ? null : s.maxBillingBytes.toString());
    put(m, BASE_ROLE, s.baseRole);
    put(m, "useMachineAuth", s.useMachineAuth);
    put(m, "queryTimeoutSeconds", s.queryTimeoutSeconds);
    put(m, "scratchSchema", s.scratchSchema);
    put(m, "systemTimezone", s.systemTimezone);
    put(m, "queryTimezone", s.queryTimezone);
    put(m, "allowsUserSpecificTimezones", s.allowsUserSpecificTimezones);
    put(m, "trustServerCertificate", s.trustServerCertificate);
    put(m, "acceptsLicense", s.acceptsLicense);
    put(m, "alwaysScopeViewNames", s.alwaysScopeViewNames);
    put(m, "inferRelationshipsFromColumnNames", s.inferRelationshipsFromColumnNames);
    put(m, "inferRelationshipsFromForeignKeys", s.inferRelationshipsFromForeignKeys);
    put(m, "enableDbSemanticLayerIntegration", s.enableDbSemanticLayerIntegration);
    put(m, "enableDbSemanticLayerTopics", s.enableDbSemanticLayerTopics);
    put(m, "authenticationType", s.authenticationType);
    put(m, "awsRoleArn", s.awsRoleArn);
    put(m, "hostOverride", s.hostOverride);
    put(m, "oauthClientId", s.oauthClientId);
    put(m, "externalOauthAudience", s.externalOauthAudience);
    put(m, "externalOauthAuthorizationUrl", s.externalOauthAuthorizationUrl);
    put(m, "externalOauthTokenUrl", s.externalOauthTokenUrl);
    return m;
  }

  /**
   * The immutable settings as strings, sorted: what {@code status.appliedSettings} records besides
   * {@link #BASE_ROLE} and {@link #ENVIRONMENT}.
   */
  public static Map<String, String> immutable(OmniConnectionSpec s, String name) {
    Map<String, String> m = new TreeMap<>();
    createBody(s, name).forEach((k, v) -> m.put(k, String.valueOf(v)));
    m.remove(BASE_ROLE);
    if (s.oauthClientSecretRef != null) {
      m.put("oauthClientSecretRef", s.oauthClientSecretRef.name + "/" + s.oauthClientSecretRef.key);
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

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
