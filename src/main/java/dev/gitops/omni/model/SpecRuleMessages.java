package dev.gitops.omni.model;

/** Messages of the spec rules, shared by the CRD's CEL rules and the Java validator. */
public final class SpecRuleMessages {
  private SpecRuleMessages() {}

  public static final String SNOWFLAKE_HOST =
      "spec.host: for Snowflake give the account identifier only (for example myorg-myaccount),"
          + " without dots or .snowflakecomputing.com";
  public static final String SNOWFLAKE_WAREHOUSE = "spec.warehouse is required for Snowflake";
  public static final String SNOWFLAKE_HOST_OVERRIDE =
      "spec.hostOverride and spec.host exclude each other for Snowflake: set only one";
  public static final String DATABRICKS_WAREHOUSE =
      "spec.warehouse (the SQL warehouse HTTP path) is required for Databricks";
  public static final String MSSQL_DEFAULT_SCHEMA = "spec.defaultSchema is required for MSSQL";
  public static final String ORACLE_LICENSE = "spec.acceptsLicense must be true for Oracle";
  public static final String BIGQUERY_PASSWORD =
      "spec.passwordSecretRef is required for BigQuery: point it at the service-account JSON";
  public static final String MAX_BILLING_BYTES =
      "spec.maxBillingBytes applies to BigQuery only: remove it";
  public static final String PASSWORD_REQUIRED =
      "spec.passwordSecretRef is required (Snowflake may use spec.privateKeySecretRef instead)";
  public static final String SCHEDULE_DUPLICATE =
      "spec.schemaRefreshSchedules lists the same schedule and timezone twice: remove one";
}
