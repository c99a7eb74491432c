package dev.gitops.omni.connection;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The name of every field this project sends to or reads from Omni's connection API, so no wire
 * name is spelled twice in the code. Which fields Omni accepts where is described in
 * docs/omni-api.md.
 */
public enum WireField {
  ID("id", Use.READ),
  NAME("name", Use.CREATE),
  DIALECT("dialect", Use.CREATE),
  HOST("host", Use.CREATE),
  PORT("port", Use.CREATE),
  DATABASE("database", Use.CREATE),
  USERNAME("username", Use.CREATE),
  WAREHOUSE("warehouse", Use.CREATE),
  REGION("region", Use.CREATE),
  DEFAULT_SCHEMA("defaultSchema", Use.CREATE),
  INCLUDE_SCHEMAS("includeSchemas", Use.CREATE),
  INCLUDE_OTHER_CATALOGS("includeOtherCatalogs", Use.CREATE),
  OFFLOADED_SCHEMAS("offloadedSchemas", Use.CREATE),
  MAX_BILLING_BYTES("maxBillingBytes", Use.CREATE),
  BASE_ROLE("baseRole", Use.PATCH),
  USE_MACHINE_AUTH("useMachineAuth", Use.CREATE),
  QUERY_TIMEOUT_SECONDS("queryTimeoutSeconds", Use.CREATE),
  SCRATCH_SCHEMA("scratchSchema", Use.CREATE),
  SYSTEM_TIMEZONE("systemTimezone", Use.CREATE),
  QUERY_TIMEZONE("queryTimezone", Use.CREATE),
  ALLOWS_USER_SPECIFIC_TIMEZONES("allowsUserSpecificTimezones", Use.CREATE),
  TRUST_SERVER_CERTIFICATE("trustServerCertificate", Use.CREATE),
  ACCEPTS_LICENSE("acceptsLicense", Use.CREATE),
  ALWAYS_SCOPE_VIEW_NAMES("alwaysScopeViewNames", Use.CREATE),
  INFER_RELATIONSHIPS_FROM_COLUMN_NAMES("inferRelationshipsFromColumnNames", Use.CREATE),
  INFER_RELATIONSHIPS_FROM_FOREIGN_KEYS("inferRelationshipsFromForeignKeys", Use.CREATE),
  ENABLE_DB_SEMANTIC_LAYER_INTEGRATION("enableDbSemanticLayerIntegration", Use.CREATE),
  ENABLE_DB_SEMANTIC_LAYER_TOPICS("enableDbSemanticLayerTopics", Use.CREATE),
  AUTHENTICATION_TYPE("authenticationType", Use.CREATE),
  AWS_ROLE_ARN("awsRoleArn", Use.CREATE),
  HOST_OVERRIDE("hostOverride", Use.CREATE),
  OAUTH_CLIENT_ID("oauthClientId", Use.CREATE),
  EXTERNAL_OAUTH_AUDIENCE("externalOauthAudience", Use.CREATE),
  EXTERNAL_OAUTH_AUTHORIZATION_URL("externalOauthAuthorizationUrl", Use.CREATE),
  EXTERNAL_OAUTH_TOKEN_URL("externalOauthTokenUrl", Use.CREATE),
  /** PATCH only: Omni's create takes no environment attribute. */
  ENVIRONMENT_USER_ATTRIBUTE("environmentUserAttribute", Use.PATCH),
  PASSWORD("passwordUnencrypted", Use.SECRET),
  PRIVATE_KEY("privateKey", Use.SECRET),
  /** A secret Omni cannot change in place: a rotation needs a new connection. */
  OAUTH_CLIENT_SECRET("oauthClientSecretUnencrypted", Use.SECRET),
  ENVIRONMENT_ATTRIBUTE_NAME("userAttributeNameForConnectionEnvironments", Use.READ),
  ENVIRONMENT_DEFAULT_VALUES("userAttributeValuesForDefaultEnvironment", Use.READ),
  DELETED_AT("deletedAt", Use.READ);

  /** Where a field appears. */
  public enum Use {
    /** Only in Omni's answers. */
    READ,
    /** Sent on create; Omni cannot change it afterwards. */
    CREATE,
    /** Sent on create (baseRole) or later, and changeable in place with PATCH. */
    PATCH,
    /** A credential: sent, never returned, never printed. */
    SECRET
  }

  private static final Map<String, WireField> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toMap(WireField::wire, Function.identity()));

  private final String wire;
  private final Use use;

  WireField(String wire, Use use) {
    this.wire = wire;
    this.use = use;
  }

  /** The JSON name on the wire. */
  public String wire() {
    return wire;
  }

  public boolean secret() {
    return use == Use.SECRET;
  }

  /** Omni can change it with PATCH. */
  public boolean patchable() {
    return use == Use.PATCH || this == PASSWORD || this == PRIVATE_KEY;
  }

  public static Optional<WireField> byWire(String name) {
    return Optional.ofNullable(BY_WIRE.get(name));
  }

  @Override
  public String toString() {
    return wire;
  }
}
