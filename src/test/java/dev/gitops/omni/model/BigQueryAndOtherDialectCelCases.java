package dev.gitops.omni.model;

import static dev.gitops.omni.model.CelRuleCases.breaks;
import static dev.gitops.omni.model.CelRuleCases.valid;
import static dev.gitops.omni.model.SpecRuleMessages.BIGQUERY_PASSWORD;
import static dev.gitops.omni.model.SpecRuleMessages.MAX_BILLING_BYTES;
import static dev.gitops.omni.model.SpecRuleMessages.PASSWORD_REQUIRED;
import static dev.gitops.omni.model.SpecRuleMessages.SCHEDULE_DUPLICATE;

import java.util.List;

/** {@link CelRuleCases} rows for BigQuery, Postgres and the dialects with no rule of their own. */
final class BigQueryAndOtherDialectCelCases {
  private BigQueryAndOtherDialectCelCases() {}

  static final List<CelRuleCases.Row> ROWS =
      List.of(
          // --- schema-refresh schedules (any dialect)
          valid(
              "postgres: two different schedules",
              """
              dialect: postgres
              passwordSecretRef: {name: pg, key: password}
              schemaRefreshSchedules:
              - {schedule: "0 9 ? * MON-FRI *", timezone: Europe/Berlin}
              - {schedule: "0 9 ? * MON-FRI *", timezone: UTC}
              """),
          breaks(
              "postgres: the same schedule twice",
              """
              dialect: postgres
              passwordSecretRef: {name: pg, key: password}
              schemaRefreshSchedules:
              - {schedule: "0 9 ? * MON-FRI *", timezone: UTC}
              - {schedule: "0 9 ? * MON-FRI *", timezone: UTC}
              """,
              SCHEDULE_DUPLICATE),
          // --- bigquery
          valid(
              "bigquery: service-account JSON and maxBillingBytes",
              """
              dialect: bigquery
              database: my-gcp-project
              region: EU
              maxBillingBytes: 10000000000
              includeOtherCatalogs: [other-project]
              passwordSecretRef: {name: bq, key: sa.json}
              """),
          valid(
              "bigquery: without maxBillingBytes",
              """
              dialect: bigquery
              database: my-gcp-project
              passwordSecretRef: {name: bq, key: sa.json}
              """),
          breaks(
              "bigquery: no passwordSecretRef",
              """
              dialect: bigquery
              database: my-gcp-project
              """,
              BIGQUERY_PASSWORD,
              PASSWORD_REQUIRED),
          breaks(
              "bigquery: key pair does not replace the service-account JSON",
              """
              dialect: bigquery
              database: my-gcp-project
              privateKeySecretRef: {name: bq, key: key}
              """,
              BIGQUERY_PASSWORD,
              PASSWORD_REQUIRED),
          // --- postgres and the rest
          valid(
              "postgres: full spec",
              """
              dialect: postgres
              name: Analytics
              host: db.internal.example.com
              port: 5432
              database: analytics
              username: omni
              includeSchemas: [public, mart]
              queryTimeoutSeconds: 900
              baseRole: VIEWER
              environmentUserAttribute:
                attributeName: env
                defaultValues: [prod]
              passwordSecretRef: {name: pg, key: password}
              deletionPolicy: Delete
              managementPolicy: Full
              replacementPolicy: Recreate
              """),
          valid(
              "postgres: host and hostOverride (exclusion is Snowflake only)",
              """
              dialect: postgres
              host: db.example.com
              hostOverride: db-replica.example.com
              passwordSecretRef: {name: pg, key: password}
              """),
          breaks(
              "postgres: maxBillingBytes",
              """
              dialect: postgres
              host: db.example.com
              maxBillingBytes: 1000
              passwordSecretRef: {name: pg, key: password}
              """,
              MAX_BILLING_BYTES),
          breaks(
              "postgres: no password",
              """
              dialect: postgres
              host: db.example.com
              """,
              PASSWORD_REQUIRED),
          breaks(
              "postgres: warehouse does not help, password still required",
              """
              dialect: postgres
              host: db.example.com
              warehouse: COMPUTE_WH
              privateKeySecretRef: {name: pg, key: key}
              """,
              PASSWORD_REQUIRED),
          valid(
              "mysql: minimal",
              """
              dialect: mysql
              host: mysql.example.com
              port: 3306
              passwordSecretRef: {name: mysql, key: password}
              """),
          valid(
              "redshift: IAM role",
              """
              dialect: redshift
              host: cluster.abc123.eu-west-1.redshift.amazonaws.com
              port: 5439
              awsRoleArn: arn:aws:iam::123456789012:role/omni
              passwordSecretRef: {name: rs, key: password}
              """),
          valid(
              "motherduck: token",
              """
              dialect: motherduck
              database: my_db
              passwordSecretRef: {name: md, key: token}
              """),
          valid(
              "athena: region and machine auth",
              """
              dialect: athena
              region: eu-west-1
              useMachineAuth: true
              passwordSecretRef: {name: athena, key: secret}
              """),
          valid(
              "clickhouse: acceptsLicense false is fine outside Oracle",
              """
              dialect: clickhouse
              host: ch.example.com
              acceptsLicense: false
              passwordSecretRef: {name: ch, key: password}
              """));
}
