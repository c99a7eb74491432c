package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.gitops.omni.core.SpecRules;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Good sample OmniConnections pass the CRD's openAPIV3Schema (JSON Schema draft 4), its CEL rules
 * and the Java rules; bad ones are in {@link CrdSchemaRejectionTest}, the manifests in examples/ in
 * {@link CrdExamplesTest}, the descriptions kubectl explain shows in {@link CrdDescriptionsTest}.
 */
class CrdSchemaTest {
  static final Schema schema = CrdFixture.jsonSchema();
  static final List<CrdFixture.CelRule> rules = CrdFixture.specRules();

  record Sample(String name, String yaml) {
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void goodResourcePassesSchemaAndCel(Sample sample) throws IOException {
    JsonNode cr = CrdFixture.sampleResource(sample.yaml());
    assertThat(CrdFixture.schemaErrors(schema, cr)).isEmpty();
    assertThat(CrdFixture.celViolations(rules, cr.path("spec"))).isEmpty();
    OmniConnectionSpec spec =
        CrdFixture.YAML.treeToValue(cr.path("spec"), OmniConnectionSpec.class);
    assertThat(SpecRules.check(spec)).as("Java spec rules").isEmpty();
  }

  @Test
  void resourceWithoutSpecIsNotRejectedBySchema() throws IOException {
    // spec is not required by the schema; the operator's Java rules report a missing spec
    assertThat(CrdFixture.schemaErrors(schema, CrdFixture.sampleResource(""))).isEmpty();
    assertThat(SpecRules.check(null)).extracting(v -> v.field()).containsExactly("spec");
  }
}
