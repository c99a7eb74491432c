package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.networknt.schema.Schema;
import dev.gitops.omni.core.SpecRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sample OmniConnections against the CRD's openAPIV3Schema (JSON Schema draft 4), the manifests in
 * examples/ against schema and CEL rules, and the descriptions kubectl explain shows.
 */
class CrdSchemaTest {
  static Schema schema;
  static List<CrdFixture.CelRule> rules;

  @BeforeAll
  static void loadCrd() {
    schema = CrdFixture.jsonSchema();
    rules = CrdFixture.specRules();
  }

  private static JsonNode cr(String yaml) throws IOException {
    return CrdFixture.YAML.readTree(
        """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata:
          name: sample
          namespace: analytics
        """
            + yaml);
  }

  record Sample(String name, String yaml) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A bad sample and the field its errors must name. */
  record Bad(String name, String field, String yaml) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Sample> good() {
    return Stream.of(
        new Sample(
            "postgres with every kind of field",
            """
            spec:
              dialect: postgres
              name: Analytics
              host: db.example.com
              port: 5432
              database: analytics
              username: omni
              includeSchemas: [public, mart]
              offloadedSchemas: [archive]
              queryTimeoutSeconds: 3600
              allowsUserSpecificTimezones: true
              systemTimezone: UTC
              queryTimezone: America/New_York
              environmentUserAttribute: {attributeName: env, defaultValues: [prod, staging]}
              passwordSecretRef: {name: pg, key: password}
              deletionPolicy: Orphan
              managementPolicy: ObserveOnly
              replacementPolicy: Never
            """),
        new Sample(
            "snowflake key pair, port bounds 1 and timeout 1",
            """
            spec:
              dialect: snowflake
              host: myorg-myaccount
              warehouse: COMPUTE_WH
              port: 1
              queryTimeoutSeconds: 1
              privateKeySecretRef: {name: sf, key: rsa_key.p8}
            """),
        new Sample(
            "mssql on port 65535",
            """
            spec:
              dialect: mssql
              host: sql.example.com
              port: 65535
              defaultSchema: dbo
              passwordSecretRef: {name: mssql, key: password}
            """),
        new Sample(
            "bigquery with maxBillingBytes",
            """
            spec:
              dialect: bigquery
              database: my-gcp-project
              maxBillingBytes: 10000000000
              passwordSecretRef: {name: bq, key: sa.json}
            """),
        new Sample(
            "with a status written by the operator",
            """
            spec:
              dialect: oracle
              host: ora.example.com
              acceptsLicense: true
              passwordSecretRef: {name: ora, key: password}
            status:
              observedGeneration: 3
              connectionId: 6d1f0c1e-0000-4000-8000-000000000001
              omniName: sample
              lastSyncTime: "2026-01-01T00:00:00Z"
              appliedSettings: {dialect: oracle, host: ora.example.com}
              credentialsVersion: {password: ora/uid-1/42}
              conditions:
              - type: Ready
                status: "True"
                reason: Synced
                message: Omni matches the spec.
                observedGeneration: 3
                lastTransitionTime: "2026-01-01T00:00:00Z"
            """));
  }

  static Stream<Bad> bad() {
    return Stream.of(
        new Bad(
            "unknown dialect",
            "/spec/dialect",
            """
            spec:
              dialect: postgresql
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "dialect alias the Java reader accepts",
            "/spec/dialect",
            """
            spec:
              dialect: sqlserver
              defaultSchema: dbo
              passwordSecretRef: {name: mssql, key: password}
            """),
        new Bad(
            "dialect in the wrong case",
            "/spec/dialect",
            """
            spec:
              dialect: Snowflake
              warehouse: W
              passwordSecretRef: {name: sf, key: password}
            """),
        new Bad(
            "missing dialect",
            "/spec/dialect",
            """
            spec:
              host: db.example.com
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "port 0",
            "/spec/port",
            """
            spec:
              dialect: postgres
              port: 0
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "port 70000",
            "/spec/port",
            """
            spec:
              dialect: postgres
              port: 70000
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "port as a string",
            "/spec/port",
            """
            spec:
              dialect: postgres
              port: "5432"
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "port not an integer",
            "/spec/port",
            """
            spec:
              dialect: postgres
              port: 5432.5
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "queryTimeoutSeconds 4000",
            "/spec/queryTimeoutSeconds",
            """
            spec:
              dialect: postgres
              queryTimeoutSeconds: 4000
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "queryTimeoutSeconds 0",
            "/spec/queryTimeoutSeconds",
            """
            spec:
              dialect: postgres
              queryTimeoutSeconds: 0
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "maxBillingBytes 0",
            "/spec/maxBillingBytes",
            """
            spec:
              dialect: bigquery
              maxBillingBytes: 0
              passwordSecretRef: {name: bq, key: sa.json}
            """),
        new Bad(
            "acceptsLicense as a string",
            "/spec/acceptsLicense",
            """
            spec:
              dialect: oracle
              acceptsLicense: "yes"
              passwordSecretRef: {name: ora, key: password}
            """),
        new Bad(
            "includeSchemas as one string instead of a list",
            "/spec/includeSchemas",
            """
            spec:
              dialect: postgres
              includeSchemas: public,mart
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "secret ref without key",
            "/spec/passwordSecretRef/key",
            """
            spec:
              dialect: postgres
              passwordSecretRef: {name: pg}
            """),
        new Bad(
            "secret ref as a plain string",
            "/spec/privateKeySecretRef",
            """
            spec:
              dialect: snowflake
              warehouse: W
              privateKeySecretRef: sf
            """),
        new Bad(
            "environmentUserAttribute without attributeName",
            "/spec/environmentUserAttribute/attributeName",
            """
            spec:
              dialect: postgres
              environmentUserAttribute: {defaultValues: [prod]}
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "unknown deletionPolicy",
            "/spec/deletionPolicy",
            """
            spec:
              dialect: postgres
              deletionPolicy: Archive
              passwordSecretRef: {name: pg, key: password}
            """),
        new Bad(
            "status observedGeneration as a string",
            "/status/observedGeneration",
            """
            spec:
              dialect: postgres
              passwordSecretRef: {name: pg, key: password}
            status:
              observedGeneration: "3"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void goodResourcePassesSchemaAndCel(Sample sample) throws IOException {
    JsonNode cr = cr(sample.yaml());
    assertThat(CrdFixture.schemaErrors(schema, cr)).isEmpty();
    assertThat(CrdFixture.celViolations(rules, cr.path("spec"))).isEmpty();
    OmniConnectionSpec spec =
        CrdFixture.YAML.treeToValue(cr.path("spec"), OmniConnectionSpec.class);
    assertThat(SpecRules.check(spec)).as("Java spec rules").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badResourceFailsNamingTheField(Bad sample) throws IOException {
    JsonNode cr = cr(sample.yaml());
    List<String> errors = CrdFixture.schemaErrors(schema, cr);
    assertThat(errors).as("schema errors").isNotEmpty();
    // every error is about the named field, so the sample fails for the reason it is about
    assertThat(CrdFixture.schemaErrorFields(schema, cr))
        .as("fields of %s", errors)
        .containsOnly(sample.field());
    assertThat(errors).allSatisfy(e -> assertThat(e).contains(leaf(sample.field())));
  }

  private static String leaf(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  @Test
  void resourceWithoutSpecIsNotRejectedBySchema() throws IOException {
    // spec is not required by the schema; the operator's Java rules report a missing spec
    assertThat(CrdFixture.schemaErrors(schema, cr(""))).isEmpty();
    assertThat(SpecRules.check(null)).extracting(v -> v.field()).containsExactly("spec");
  }

  /** Every OmniConnection in examples/ (multi-document YAML) passes schema and CEL rules. */
  @TestFactory
  Stream<DynamicTest> examplesAreValid() throws IOException {
    Path examples = Path.of(System.getProperty("project.basedir", "."), "examples");
    Assumptions.assumeTrue(Files.isDirectory(examples), "no examples/ directory");
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(examples)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      int index = 0;
      try (MappingIterator<JsonNode> docs =
          CrdFixture.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          index++;
          if (doc == null
              || !"OmniConnection".equals(doc.path("kind").asText())
              || !doc.path("apiVersion").asText().startsWith(OmniConnection.GROUP + "/")) {
            continue;
          }
          String name =
              examples.relativize(file) + " #" + index + " " + doc.at("/metadata/name").asText();
          tests.add(DynamicTest.dynamicTest(name, () -> assertExampleValid(name, doc)));
        }
      }
    }
    Assumptions.assumeFalse(tests.isEmpty(), "no OmniConnection in examples/");
    return tests.stream();
  }

  private static void assertExampleValid(String name, JsonNode doc) throws IOException {
    assertThat(doc.path("apiVersion").asText())
        .isEqualTo(OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    assertThat(CrdFixture.schemaErrors(schema, doc)).as("%s: schema errors", name).isEmpty();
    assertThat(doc.path("spec").isObject()).as("%s: has a spec", name).isTrue();
    assertThat(CrdFixture.celViolations(rules, doc.path("spec")))
        .as("%s: CEL rules broken", name)
        .isEmpty();
    OmniConnectionSpec spec =
        CrdFixture.YAML.treeToValue(doc.path("spec"), OmniConnectionSpec.class);
    assertThat(SpecRules.check(spec)).as("Java spec rules").isEmpty();
  }

  /** kubectl explain shows these: every property, spec and status, recursively, has one. */
  @Test
  void everyPropertyHasADescription() {
    JsonNode root = CrdFixture.openApiSchema();
    List<String> seen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    walk(root, "", seen, missing);
    assertThat(seen)
        .as("properties walked")
        .contains("spec", "status", "spec.passwordSecretRef.key");
    assertThat(seen).as("properties walked").contains("status.conditions.reason");
    assertThat(seen.size()).as("properties walked").isGreaterThan(60);
    assertThat(missing).as("properties without a description").isEmpty();
  }

  private static void walk(
      JsonNode schemaNode, String path, List<String> seen, List<String> missing) {
    Iterator<Map.Entry<String, JsonNode>> props = schemaNode.path("properties").fields();
    while (props.hasNext()) {
      Map.Entry<String, JsonNode> p = props.next();
      String name = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
      seen.add(name);
      if (p.getValue().path("description").asText("").isBlank()) {
        missing.add(name);
      }
      walk(p.getValue(), name, seen, missing);
    }
    if (schemaNode.path("items").isObject()) {
      walk(schemaNode.path("items"), path, seen, missing);
    }
    if (schemaNode.path("additionalProperties").isObject()) {
      walk(schemaNode.path("additionalProperties"), path, seen, missing);
    }
  }

  @Test
  void descriptionWalkReportsAMissingDescription() throws IOException {
    // the walk itself must find a nested property without a description
    JsonNode s =
        CrdFixture.YAML.readTree(
            """
            properties:
              a:
                description: A
                items:
                  properties:
                    b: {type: string}
            """);
    List<String> missing = new ArrayList<>();
    walk(s, "", new ArrayList<>(), missing);
    assertThat(missing).containsExactly("a.b");
  }
}
