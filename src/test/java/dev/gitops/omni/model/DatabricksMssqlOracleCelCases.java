package dev.gitops.omni.model;

import static dev.gitops.omni.model.CelRuleCases.breaks;
import static dev.gitops.omni.model.CelRuleCases.valid;
import static dev.gitops.omni.model.SpecRuleMessages.DATABRICKS_WAREHOUSE;
import static dev.gitops.omni.model.SpecRuleMessages.MAX_BILLING_BYTES;
import static dev.gitops.omni.model.SpecRuleMessages.MSSQL_DEFAULT_SCHEMA;
import static dev.gitops.omni.model.SpecRuleMessages.ORACLE_LICENSE;
import static dev.gitops.omni.model.SpecRuleMessages.PASSWORD_REQUIRED;

import java.util.List;

/**
 * {@link CelRuleCases} rows for Databricks (warehouse), SQL Server (defaultSchema), Oracle
 * (licence).
 */
final class DatabricksMssqlOracleCelCases {
  private DatabricksMssqlOracleCelCases() {}

  static final List<CelRuleCases.Row> ROWS =
      List.of(
          // --- databricks
          valid(
              "databricks: dotted host and SQL warehouse path",
              """
              dialect: databricks
              host: adb-1234567890123456.7.azuredatabricks.net
              warehouse: /sql/1.0/warehouses/abc123
              passwordSecretRef: {name: dbx, key: token}
              """),
          valid(
              "databricks: machine auth with OAuth client",
              """
              dialect: databricks
              host: dbc-a1b2c3d4.cloud.databricks.com
              warehouse: /sql/1.0/warehouses/abc123
              useMachineAuth: true
              oauthClientId: omni-client
              oauthClientSecretRef: {name: dbx, key: client-secret}
              passwordSecretRef: {name: dbx, key: token}
              """),
          breaks(
              "databricks: no warehouse",
              """
              dialect: databricks
              host: adb-1234567890123456.7.azuredatabricks.net
              passwordSecretRef: {name: dbx, key: token}
              """,
              DATABRICKS_WAREHOUSE),
          breaks(
              "databricks: key pair is Snowflake only",
              """
              dialect: databricks
              host: adb-1234567890123456.7.azuredatabricks.net
              warehouse: /sql/1.0/warehouses/abc123
              privateKeySecretRef: {name: dbx, key: key}
              """,
              PASSWORD_REQUIRED),
          breaks(
              "databricks: no warehouse, no password, maxBillingBytes",
              """
              dialect: databricks
              host: adb-1234567890123456.7.azuredatabricks.net
              maxBillingBytes: 5
              """,
              DATABRICKS_WAREHOUSE,
              PASSWORD_REQUIRED,
              MAX_BILLING_BYTES),
          // --- mssql
          valid(
              "mssql: defaultSchema dbo",
              """
              dialect: mssql
              host: sql.example.com
              port: 1433
              database: sales
              defaultSchema: dbo
              trustServerCertificate: true
              passwordSecretRef: {name: mssql, key: password}
              """),
          valid(
              "mssql: empty defaultSchema still counts as set",
              """
              dialect: mssql
              host: sql.example.com
              defaultSchema: ""
              passwordSecretRef: {name: mssql, key: password}
              """),
          breaks(
              "mssql: no defaultSchema",
              """
              dialect: mssql
              host: sql.example.com
              port: 1433
              passwordSecretRef: {name: mssql, key: password}
              """,
              MSSQL_DEFAULT_SCHEMA),
          // --- oracle
          valid(
              "oracle: acceptsLicense true",
              """
              dialect: oracle
              host: ora.example.com
              port: 1521
              database: ORCL
              acceptsLicense: true
              passwordSecretRef: {name: ora, key: password}
              """),
          breaks(
              "oracle: acceptsLicense false",
              """
              dialect: oracle
              host: ora.example.com
              acceptsLicense: false
              passwordSecretRef: {name: ora, key: password}
              """,
              ORACLE_LICENSE),
          breaks(
              "oracle: acceptsLicense missing",
              """
              dialect: oracle
              host: ora.example.com
              passwordSecretRef: {name: ora, key: password}
              """,
              ORACLE_LICENSE),
          breaks(
              "oracle: no license, no password",
              """
              dialect: oracle
              host: ora.example.com
              """,
              ORACLE_LICENSE,
              PASSWORD_REQUIRED));
}
