package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code import}: manifests for existing connections, which {@code plan} then leaves alone. */
class ImportCommandTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();
  String pgId;
  String snowId;

  @BeforeEach
  void setUp() {
    pgId =
        omni.seed(
            "postgres",
            "Production DB (EU)",
            Map.of(
                "database",
                "prod",
                "baseRole",
                "QUERIER",
                "environmentUserAttribute",
                Map.of("attributeName", "environment", "defaultValues", List.of("prod"))));
    snowId =
        omni.seed(
            "snowflake",
            "warehouse",
            Map.of(
                "host", "myorg", "warehouse", "WH", "database", "DW", "defaultSchema", "PUBLIC"));
    omni.seed("mssql", "erp", Map.of("defaultSchema", "dbo", "database", "erp"));
    omni.seed(
        "bigquery", "events", Map.of("database", "proj", "passwordUnencrypted", serviceAccount()));
    omni.seed("oracle", "ledger", Map.of("acceptsLicense", true));
    String gone = omni.seed("postgres", "retired", Map.of());
    omni.sim.archive(gone);
  }

  @Test
  void importedManifestsPlanToNothingButTheCredentialsToFillIn() throws Exception {
    Cli.Result imported = omni.run("import", "-n", "team");
    assertThat(imported.code()).as(imported.all()).isZero();
    String yaml = imported.out();

    List<JsonNode> docs = docs(yaml);
    assertThat(docs).hasSize(5);
    assertThat(yaml).doesNotContain("retired");
    JsonNode pg = byName(docs, "production-db-eu");
    assertThat(pg.at("/metadata/namespace").asText()).isEqualTo("team");
    assertThat(pg.at("/spec/name").asText()).isEqualTo("Production DB (EU)");
    assertThat(pg.at("/spec/connectionId").asText()).isEqualTo(pgId);
    assertThat(pg.at("/spec/baseRole").asText()).isEqualTo("QUERIER");
    assertThat(pg.at("/spec/environmentUserAttribute/defaultValues/0").asText()).isEqualTo("prod");
    assertThat(pg.at("/spec/passwordSecretRef/name").asText())
        .isEqualTo("production-db-eu-credentials");
    assertThat(pg.at("/spec/passwordSecretRef/key").asText()).isEqualTo("password");
    assertThat(byName(docs, "warehouse").at("/spec/name").isMissingNode()).isTrue();
    assertThat(byName(docs, "ledger").at("/spec/acceptsLicense").asBoolean()).isTrue();
    assertThat(yaml)
        .contains("# Before applying, create the Secret")
        .contains("create secret generic production-db-eu-credentials")
        .contains("--from-file=password=service-account.json");

    Path file = omni.write("imported.yaml", yaml);
    omni.sim.resetCounters();
    Cli.Result plan = omni.run("plan", "-f", file.toString());

    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("0 to create, 0 to adopt, 0 to patch, 0 to replace, 5 unchanged, 0 invalid")
        .contains(
            "credentials not compared: Secret team/production-db-eu-credentials is not in the files");
    assertThat(PlanCommandFixture.line(plan.out(), "team/warehouse"))
        .startsWith("nothing")
        .contains(snowId)
        .contains("fill in spec.warehouse");
    assertThat(omni.sim.count("list")).isEqualTo(1);
    assertThat(omni.sim.totalRequests()).isEqualTo(1);
  }

  @Test
  void filtersByNameAndDialect() throws Exception {
    Cli.Result byDialect = omni.run("import", "--dialect", "postgres,mssql");
    assertThat(docs(byDialect.out()))
        .extracting(d -> d.at("/metadata/name").asText())
        .containsExactly("erp", "production-db-eu");

    Cli.Result byName = omni.run("import", "--name", "prod");
    assertThat(docs(byName.out()))
        .extracting(d -> d.at("/spec/connectionId").asText())
        .containsExactly(pgId);
    assertThat(byName.out()).doesNotContain("namespace:").doesNotContain("instanceRef");
  }

  @Test
  void throughAnInstanceEveryManifestNamesItAndPlansToNothing() throws Exception {
    Path instance =
        omni.write(
            "instance.yaml",
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: omni-key, namespace: team}
            stringData: {token: %s}
            ---
            apiVersion: omni.gitops.dev/v1alpha1
            kind: OmniInstance
            metadata: {name: omni, namespace: team}
            spec:
              url: %s
              tokenSecretRef: {name: omni-key}
            """
                .formatted(SimulatorOptions.DEFAULT_TOKEN, omni.sim.baseUrl()));

    Cli.Result imported = Cli.run("import", "--instance", "omni", "-f", instance.toString());

    assertThat(imported.code()).as(imported.all()).isZero();
    assertThat(imported.err()).contains("for OmniInstance team/omni");
    List<JsonNode> docs = docs(imported.out());
    assertThat(docs).hasSize(5);
    assertThat(docs)
        .allSatisfy(
            d -> {
              assertThat(d.at("/metadata/namespace").asText()).isEqualTo("team");
              assertThat(d.at("/spec/instanceRef/kind").asText()).isEqualTo("OmniInstance");
              assertThat(d.at("/spec/instanceRef/name").asText()).isEqualTo("omni");
            });
    assertThat(imported.all()).doesNotContain(SimulatorOptions.DEFAULT_TOKEN);

    Path file = omni.write("imported.yaml", imported.out());
    omni.sim.resetCounters();
    Cli.Result plan =
        Cli.run("plan", "--no-cluster", "-f", file.toString(), "-f", instance.toString());
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("for OmniInstance team/omni: 6 connections listed.")
        .contains("0 to create, 0 to adopt, 0 to patch, 0 to replace, 5 unchanged, 0 invalid");
    assertThat(omni.sim.count("list")).isEqualTo(1);
  }

  @Test
  void clashingSlugsGetTheIdAppended() throws Exception {
    omni.seed("mysql", "ERP", Map.of());
    List<JsonNode> docs = docs(omni.run("import", "--name", "erp").out());
    assertThat(docs)
        .extracting(d -> d.at("/metadata/name").asText())
        .hasSize(2)
        .contains("erp")
        .anyMatch(n -> n.matches("erp-[0-9a-f]{8}"));
  }

  static List<JsonNode> docs(String yaml) throws Exception {
    return new YAMLMapper()
        .readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
            .filter(d -> d != null && !d.isEmpty())
            .toList();
  }

  static JsonNode byName(List<JsonNode> docs, String name) {
    return docs.stream()
        .filter(d -> d.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name));
  }

  static String serviceAccount() {
    Map<String, String> sa = new java.util.LinkedHashMap<>();
    for (String k :
        List.of(
            "project_id",
            "private_key_id",
            "private_key",
            "client_email",
            "client_id",
            "auth_uri",
            "token_uri",
            "auth_provider_x509_cert_url",
            "client_x509_cert_url")) {
      sa.put(k, "x-" + k);
    }
    sa.put("type", "service_account");
    try {
      return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sa);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
