package dev.gitops.omni.model;

import static dev.gitops.omni.model.CelRuleCases.breaks;
import static dev.gitops.omni.model.CelRuleCases.valid;
import static dev.gitops.omni.model.SpecRuleMessages.MAX_BILLING_BYTES;
import static dev.gitops.omni.model.SpecRuleMessages.PASSWORD_REQUIRED;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_HOST;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_HOST_OVERRIDE;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_WAREHOUSE;

import java.util.List;

/**
 * {@link CelRuleCases} rows for Snowflake: account identifier, hostOverride, warehouse, key pair.
 */
final class SnowflakeCelCases {
  private SnowflakeCelCases() {}

  static final List<CelRuleCases.Row> ROWS =
      List.of(
          // --- snowflake
          valid(
              "snowflake: account identifier, warehouse, password",
              """
              dialect: snowflake
              host: myorg-myaccount
              warehouse: COMPUTE_WH
              username: omni
              passwordSecretRef: {name: sf, key: password}
              """),
          valid(
              "snowflake: key pair instead of password",
              """
              dialect: snowflake
              host: xy12345
              warehouse: COMPUTE_WH
              username: omni
              privateKeySecretRef: {name: sf, key: rsa_key.p8}
              """),
          valid(
              "snowflake: both password and key pair",
              """
              dialect: snowflake
              host: myorg-myaccount
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              privateKeySecretRef: {name: sf, key: rsa_key.p8}
              """),
          valid(
              "snowflake: hostOverride (full domain) without host",
              """
              dialect: snowflake
              hostOverride: myorg-myaccount.privatelink.snowflakecomputing.com
              warehouse: COMPUTE_WH
              privateKeySecretRef: {name: sf, key: rsa_key.p8}
              """),
          valid(
              "snowflake: neither host nor hostOverride",
              """
              dialect: snowflake
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """),
          breaks(
              "snowflake: host with a dot",
              """
              dialect: snowflake
              host: myorg.myaccount
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_HOST),
          breaks(
              "snowflake: host is the full *.snowflakecomputing.com domain",
              """
              dialect: snowflake
              host: myorg-myaccount.snowflakecomputing.com
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_HOST),
          breaks(
              "snowflake: legacy locator with region",
              """
              dialect: snowflake
              host: xy12345.us-east-2.aws
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_HOST),
          breaks(
              "snowflake: no warehouse",
              """
              dialect: snowflake
              host: myorg-myaccount
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_WAREHOUSE),
          breaks(
              "snowflake: warehouse null (pruned, so absent)",
              """
              dialect: snowflake
              host: myorg-myaccount
              warehouse: null
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_WAREHOUSE),
          breaks(
              "snowflake: host and hostOverride",
              """
              dialect: snowflake
              host: myorg-myaccount
              hostOverride: myorg-myaccount.privatelink.snowflakecomputing.com
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_HOST_OVERRIDE),
          breaks(
              "snowflake: dotted host and hostOverride",
              """
              dialect: snowflake
              host: myorg-myaccount.snowflakecomputing.com
              hostOverride: myorg-myaccount.privatelink.snowflakecomputing.com
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              """,
              SNOWFLAKE_HOST,
              SNOWFLAKE_HOST_OVERRIDE),
          breaks(
              "snowflake: neither password nor key pair",
              """
              dialect: snowflake
              host: myorg-myaccount
              warehouse: COMPUTE_WH
              username: omni
              """,
              PASSWORD_REQUIRED),
          breaks(
              "snowflake: dotted host, no warehouse, no credentials",
              """
              dialect: snowflake
              host: myorg-myaccount.snowflakecomputing.com
              """,
              SNOWFLAKE_HOST,
              SNOWFLAKE_WAREHOUSE,
              PASSWORD_REQUIRED),
          breaks(
              "snowflake: maxBillingBytes",
              """
              dialect: snowflake
              host: myorg-myaccount
              warehouse: COMPUTE_WH
              passwordSecretRef: {name: sf, key: password}
              maxBillingBytes: 1000000
              """,
              MAX_BILLING_BYTES));
}
