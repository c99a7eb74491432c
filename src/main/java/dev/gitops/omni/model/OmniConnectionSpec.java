package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Desired state of one Omni database connection. Field names are Omni's own; list fields are joined
 * with commas on the wire. Secret values are never spec fields, only references.
 *
 * <p>The CEL rules below are mirrored one for one by the planner's spec rules (SpecRules): the
 * command line and clusters without CEL never see these, and a test keeps both in agreement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.dialect != 'snowflake' || !has(self.host) || !self.host.contains('.')",
    message = SpecRuleMessages.SNOWFLAKE_HOST)
@ValidationRule(
    value = "self.dialect != 'snowflake' || has(self.warehouse)",
    message = SpecRuleMessages.SNOWFLAKE_WAREHOUSE)
@ValidationRule(
    value = "self.dialect != 'snowflake' || !(has(self.host) && has(self.hostOverride))",
    message = SpecRuleMessages.SNOWFLAKE_HOST_OVERRIDE)
@ValidationRule(
    value = "self.dialect != 'databricks' || has(self.warehouse)",
    message = SpecRuleMessages.DATABRICKS_WAREHOUSE)
@ValidationRule(
    value = "self.dialect != 'mssql' || has(self.defaultSchema)",
    message = SpecRuleMessages.MSSQL_DEFAULT_SCHEMA)
@ValidationRule(
    value = "self.dialect != 'oracle' || (has(self.acceptsLicense) && self.acceptsLicense)",
    message = SpecRuleMessages.ORACLE_LICENSE)
@ValidationRule(
    value = "self.dialect != 'bigquery' || has(self.passwordSecretRef)",
    message = SpecRuleMessages.BIGQUERY_PASSWORD)
@ValidationRule(
    value = "!has(self.maxBillingBytes) || self.dialect == 'bigquery'",
    message = SpecRuleMessages.MAX_BILLING_BYTES)
@ValidationRule(
    value =
        "has(self.passwordSecretRef) || (self.dialect == 'snowflake' &&"
            + " has(self.privateKeySecretRef))",
    message = SpecRuleMessages.PASSWORD_REQUIRED)
@ValidationRule(
    value =
        "!has(self.schemaRefreshSchedules) || self.schemaRefreshSchedules.all(s,"
            + " self.schemaRefreshSchedules.exists_one(t, t.schedule == s.schedule && t.timezone =="
            + " s.timezone))",
    message = SpecRuleMessages.SCHEDULE_DUPLICATE)
public class OmniConnectionSpec {

  @io.fabric8.generator.annotation.Size(max = RefreshScheduleSpec.MAX_PER_CONNECTION)
  @JsonPropertyDescription(
      "Schema-refresh schedules of the connection. Set (even to []), Omni's schedules are made to"
          + " match it exactly: missing ones created, changed ones updated, others removed. Unset,"
          + " Omni's schedules are left alone.")
  public List<RefreshScheduleSpec> schemaRefreshSchedules;

  @JsonPropertyDescription(
      "Makes this connection an environment of another OmniConnection in this namespace (the"
          + " base), for users whose attribute has one of the values. Removing it removes the"
          + " link in Omni; the connections stay.")
  public EnvironmentOf environmentOf;

  @JsonPropertyDescription(
      "The Omni instance (URL and API key) to manage this connection through. Unset: the"
          + " ClusterOmniInstance named default, else the operator's own --omni-url and token."
          + " Cannot be changed once set: another instance is another organisation.")
  @ValidationRule(value = "self == oldSelf", message = InstanceRef.IMMUTABLE)
  public InstanceRef instanceRef;

  @Required
  @JsonPropertyDescription(
      "Database dialect of the connection. Cannot be changed in place (see replacementPolicy).")
  public Dialect dialect;

  @JsonPropertyDescription(
      "Display name of the connection in Omni. Defaults to metadata.name. Also used to adopt an"
          + " existing connection with exactly this name and dialect. Cannot be changed in place.")
  public String name;

  @JsonPropertyDescription(
      "Database host. For Snowflake, the account identifier only (for example myorg-myaccount),"
          + " never the full *.snowflakecomputing.com domain.")
  public String host;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription(
      "Database port, 1-65535. Not needed for Snowflake, Databricks, BigQuery.")
  public Integer port;

  @JsonPropertyDescription("Database name. For BigQuery, the project id.")
  public String database;

  @JsonPropertyDescription("Database user name.")
  public String username;

  @JsonPropertyDescription(
      "Snowflake warehouse (required for Snowflake) or Databricks HTTP path (required for"
          + " Databricks).")
  public String warehouse;

  @JsonPropertyDescription("Region: BigQuery (Omni defaults it to us) and Athena.")
  public String region;

  @JsonPropertyDescription("Default schema. Required for MSSQL.")
  public String defaultSchema;

  @JsonPropertyDescription("Schemas to include; sent to Omni as one comma-separated list.")
  public List<String> includeSchemas;

  @JsonPropertyDescription(
      "Other catalogs (BigQuery: other projects) to include; sent as one comma-separated list.")
  public List<String> includeOtherCatalogs;

  @JsonPropertyDescription("Offloaded schemas; sent to Omni as one comma-separated list.")
  public List<String> offloadedSchemas;

  @Min(1)
  @JsonPropertyDescription("BigQuery only: maximum bytes billed per query.")
  public Long maxBillingBytes;

  @JsonPropertyDescription(
      "Default role on the connection. Documented roles: NO_ACCESS, VIEWER, RESTRICTED_QUERIER,"
          + " QUERIER, MODELER, CONNECTION_ADMIN; custom role names are accepted too. Changed"
          + " in place with a PATCH.")
  public String baseRole;

  @JsonPropertyDescription("Databricks / Athena: use machine-to-machine (M2M) authentication.")
  public Boolean useMachineAuth;

  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Query timeout in seconds, 1-3600.")
  public Integer queryTimeoutSeconds;

  @JsonPropertyDescription("Schema Omni may write scratch tables to.")
  public String scratchSchema;

  @JsonPropertyDescription("Time zone the database stores timestamps in, for example UTC.")
  public String systemTimezone;

  @JsonPropertyDescription("Time zone queries are converted to, for example America/New_York.")
  public String queryTimezone;

  @JsonPropertyDescription("Let each user choose their own query time zone.")
  public Boolean allowsUserSpecificTimezones;

  @JsonPropertyDescription("Trust the server's TLS certificate without verification (MSSQL).")
  public Boolean trustServerCertificate;

  @JsonPropertyDescription("Accept the database vendor's license. Must be true for Oracle.")
  public Boolean acceptsLicense;

  @JsonPropertyDescription("Always scope view names with their schema.")
  public Boolean alwaysScopeViewNames;

  @JsonPropertyDescription("Infer relationships from column names.")
  public Boolean inferRelationshipsFromColumnNames;

  @JsonPropertyDescription("Infer relationships from foreign keys.")
  public Boolean inferRelationshipsFromForeignKeys;

  @JsonPropertyDescription("Enable the database's semantic layer integration.")
  public Boolean enableDbSemanticLayerIntegration;

  @JsonPropertyDescription("Create topics from the database's semantic layer.")
  public Boolean enableDbSemanticLayerTopics;

  @JsonPropertyDescription("Dialect-specific authentication type.")
  public String authenticationType;

  @JsonPropertyDescription("AWS IAM role ARN to assume (Athena, Redshift).")
  public String awsRoleArn;

  @JsonPropertyDescription(
      "Snowflake: full host to connect to instead of the account identifier. Excludes host.")
  public String hostOverride;

  @JsonPropertyDescription("OAuth client id.")
  public String oauthClientId;

  @JsonPropertyDescription("External OAuth audience.")
  public String externalOauthAudience;

  @JsonPropertyDescription("External OAuth authorization URL.")
  public String externalOauthAuthorizationUrl;

  @JsonPropertyDescription("External OAuth token URL.")
  public String externalOauthTokenUrl;

  @JsonPropertyDescription(
      "User attribute that selects this connection's environment. Changed in place with a"
          + " PATCH; remove the field to remove it in Omni.")
  public EnvironmentUserAttribute environmentUserAttribute;

  @JsonPropertyDescription(
      "Secret key holding the password (BigQuery: the whole service-account JSON; MotherDuck:"
          + " the token). Required, except for Snowflake with privateKeySecretRef. Rotating"
          + " the Secret PATCHes the new value.")
  public SecretKeyRef passwordSecretRef;

  @JsonPropertyDescription(
      "Secret key holding the Snowflake private key (key-pair authentication). Rotating the"
          + " Secret PATCHes the new key.")
  public SecretKeyRef privateKeySecretRef;

  @JsonPropertyDescription(
      "Secret key holding the OAuth client secret. Omni cannot change it in place: a rotation"
          + " needs a replacement (see replacementPolicy).")
  public SecretKeyRef oauthClientSecretRef;

  @JsonPropertyDescription(
      "Id of an existing Omni connection to take over instead of creating one.")
  public String connectionId;

  @JsonPropertyDescription(
      "What deleting this resource does in Omni. Orphan leaves the connection; Delete archives"
          + " it (moves its models and content to Trash and erases stored credentials). Unset:"
          + " the operator's default, Orphan unless configured otherwise.")
  public DeletionPolicy deletionPolicy;

  @JsonPropertyDescription(
      "Full (default) lets the operator create and update the connection; ObserveOnly never"
          + " writes to Omni and only reports what it would do and any drift.")
  public ManagementPolicy managementPolicy;

  @JsonPropertyDescription(
      "Never (default) reports an edit Omni cannot apply in place and does nothing; Recreate"
          + " creates a new connection with the new settings, switches to it, then archives"
          + " the old one when deletionPolicy is Delete, else leaves it and says so.")
  public ReplacementPolicy replacementPolicy;
}
