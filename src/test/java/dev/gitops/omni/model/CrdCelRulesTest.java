package dev.gitops.omni.model;

import static dev.gitops.omni.model.SpecRuleMessages.BIGQUERY_PASSWORD;
import static dev.gitops.omni.model.SpecRuleMessages.DATABRICKS_WAREHOUSE;
import static dev.gitops.omni.model.SpecRuleMessages.MAX_BILLING_BYTES;
import static dev.gitops.omni.model.SpecRuleMessages.MSSQL_DEFAULT_SCHEMA;
import static dev.gitops.omni.model.SpecRuleMessages.ORACLE_LICENSE;
import static dev.gitops.omni.model.SpecRuleMessages.PASSWORD_REQUIRED;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_HOST;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_HOST_OVERRIDE;
import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.core.Violation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD's CEL rules, evaluated with dev.cel over a table of specs, agree with the expected
 * verdicts and with their Java mirror {@link SpecRules#celViolations}. Every table spec is
 * otherwise schema-valid, so a row is judged by the CEL rules alone.
 */
class CrdCelRulesTest {

  /** One spec snippet (the object under spec:) and the messages of the CEL rules it breaks. */
  record Row(String name, String yaml, Set<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row valid(String name, String yaml) {
    return new Row(name, yaml, Set.of());
  }

  private static Row breaks(String name, String yaml, String... messages) {
    return new Row(name, yaml, Set.of(messages));
  }

  static final List<Row> TABLE =
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
              MAX_BILLING_BYTES),
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
              PASSWORD_REQUIRED),
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

  static List<CrdFixture.CelRule> rules;
  static Schema schema;

  @BeforeAll
  static void loadCrd() {
    rules = CrdFixture.specRules();
    schema = CrdFixture.jsonSchema();
  }

  static Stream<Row> table() {
    return TABLE.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void celVerdictIsExpectedAndEqualsJavaMirror(Row row) throws Exception {
    JsonNode spec = CrdFixture.YAML.readTree(row.yaml());

    Set<String> cel = CrdFixture.celViolations(rules, spec);
    assertThat(cel).as("CEL verdict of the CRD rules").isEqualTo(row.expected());

    OmniConnectionSpec java = CrdFixture.YAML.treeToValue(spec, OmniConnectionSpec.class);
    List<String> mirror = SpecRules.celViolations(java);
    assertThat(mirror).as("Java mirror reports each rule once").doesNotHaveDuplicates();
    assertThat(new LinkedHashSet<>(mirror))
        .as("SpecRules.celViolations must equal the CEL verdict")
        .isEqualTo(cel);

    // the rows are otherwise valid: full Java check and the OpenAPI schema see nothing else
    assertThat(SpecRules.check(java))
        .extracting(Violation::message)
        .containsExactlyInAnyOrderElementsOf(row.expected());
    // validated as the API server does: after pruning null fields
    JsonNode pruned = CrdFixture.YAML.valueToTree(CrdFixture.celObject(spec));
    assertThat(CrdFixture.schemaErrors(schema, resource(pruned)))
        .as("the row must be schema-valid so only CEL judges it")
        .isEmpty();
  }

  @Test
  void crdHasExactlyTheJavaMirrorRulesInTheSameOrder() throws Exception {
    List<String> crdMessages = rules.stream().map(CrdFixture.CelRule::message).toList();
    List<String> javaMessages = javaMirrorMessages();

    assertThat(crdMessages).as("CEL rules in the CRD").hasSize(javaMessages.size());
    assertThat(crdMessages).doesNotHaveDuplicates().containsExactlyElementsOf(javaMessages);
    assertThat(crdMessages)
        .as("every SpecRuleMessages constant is used by one CEL rule")
        .containsExactlyInAnyOrderElementsOf(specRuleMessageConstants());
  }

  @Test
  void tableBreaksAndSatisfiesEveryRule() throws Exception {
    Set<String> broken = new HashSet<>();
    Set<String> held = new HashSet<>();
    for (Row row : TABLE) {
      Set<String> cel = CrdFixture.celViolations(rules, CrdFixture.YAML.readTree(row.yaml()));
      broken.addAll(cel);
      rules.stream()
          .map(CrdFixture.CelRule::message)
          .filter(m -> !cel.contains(m))
          .forEach(held::add);
    }
    List<String> all = rules.stream().map(CrdFixture.CelRule::message).toList();
    assertThat(broken).as("rules some row breaks").containsExactlyInAnyOrderElementsOf(all);
    assertThat(held).as("rules some row satisfies").containsExactlyInAnyOrderElementsOf(all);
    assertThat(TABLE.stream().filter(r -> r.expected().isEmpty()).count())
        .as("fully valid rows")
        .isGreaterThanOrEqualTo(15);
  }

  @Test
  void hasIsFalseForAbsentFieldsAndTrueForPresentOnes() throws Exception {
    // guards the harness itself: if has() on the converted map were always true or always
    // false, the table could pass for the wrong reason
    CrdFixture.CelRule warehouse =
        rules.stream()
            .filter(r -> r.message().equals(SNOWFLAKE_WAREHOUSE))
            .findFirst()
            .orElseThrow();
    assertThat(
            warehouse.holds(CrdFixture.celObject(CrdFixture.YAML.readTree("dialect: snowflake"))))
        .isFalse();
    assertThat(
            warehouse.holds(
                CrdFixture.celObject(
                    CrdFixture.YAML.readTree("{dialect: snowflake, warehouse: W}"))))
        .isTrue();
  }

  private static JsonNode resource(JsonNode spec) {
    ObjectNode cr = CrdFixture.YAML.createObjectNode();
    cr.put("apiVersion", OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    cr.put("kind", "OmniConnection");
    cr.putObject("metadata").put("name", "sample").put("namespace", "default");
    cr.set("spec", spec);
    return cr;
  }

  /** The messages of SpecRules' CEL mirror, read from its rule list (package-private). */
  private static List<String> javaMirrorMessages() throws Exception {
    Field f = SpecRules.class.getDeclaredField("CEL_MIRROR");
    f.setAccessible(true);
    List<String> out = new ArrayList<>();
    for (Object rule : (List<?>) f.get(null)) {
      RecordComponent message =
          Stream.of(rule.getClass().getRecordComponents())
              .filter(c -> c.getName().equals("message"))
              .findFirst()
              .orElseThrow();
      message.getAccessor().setAccessible(true);
      out.add((String) message.getAccessor().invoke(rule));
    }
    return out;
  }

  private static List<String> specRuleMessageConstants() throws Exception {
    List<String> out = new ArrayList<>();
    for (Field f : SpecRuleMessages.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    return out;
  }
}
