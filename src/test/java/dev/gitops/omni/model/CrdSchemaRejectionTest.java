package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad sample OmniConnections fail the CRD's openAPIV3Schema, each naming the one field it is about.
 */
class CrdSchemaRejectionTest {
  static Schema schema;

  @BeforeAll
  static void loadCrd() {
    schema = CrdFixture.jsonSchema();
  }

  /** A bad sample and the field its errors must name. */
  record Bad(String name, String field, String yaml) {
    @Override
    public String toString() {
      return name;
    }
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
  @MethodSource("bad")
  void badResourceFailsNamingTheField(Bad sample) throws IOException {
    JsonNode cr = CrdFixture.sampleResource(sample.yaml());
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
}
