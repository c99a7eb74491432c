package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.SECRET;
import static dev.gitops.omni.simulator.Bodies.with;
import static dev.gitops.omni.simulator.Bodies.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST {prefix}/connections}: success on both prefixes; the errors are in {@link
 * CreateRejectionTest}.
 */
class CreateContractTest {
  @RegisterExtension
  final SimulatorPerTest sim =
      new SimulatorPerTest(
          SimulatorOptions.builder().rateLimitPerMinute(0).customRoles("ANALYST").build());

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void createAnswers201WithOnlyTheId(String api) {
    SimClient.Resp r = new SimClient(sim.get(), api).create(Bodies.postgres("Production Database"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    String id = r.json().get("data").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(r.json().size()).isEqualTo(2);
    ConnectionSnapshot c = sim.get().connection(id).orElseThrow();
    assertThat(c.name()).isEqualTo("Production Database");
    assertThat(c.dialect()).isEqualTo("postgres");
    assertThat(c.database()).isEqualTo("prod_db");
    assertThat(c.settings()).containsEntry("host", "db.internal").containsEntry("port", 5432L);
    assertThat(c.settings()).doesNotContainKeys("passwordUnencrypted", "name", "dialect");
    assertThat(c.hasPassword()).isTrue();
    assertThat(c.credentialsGeneration()).isZero();
    assertThat(sim.get().secretMatches(id, "passwordUnencrypted", SECRET)).isTrue();
  }

  @Test
  void bothPrefixesShareOneStore() {
    String id = new SimClient(sim.get(), "unstable").createOk(Bodies.postgres("shared"));

    SimClient.Resp got = new SimClient(sim.get(), "v1").get(id);

    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().at("/connection/name").asText()).isEqualTo("shared");
  }

  @Test
  void namesAreNotUnique() {
    SimClient api = new SimClient(sim.get(), "v1");
    String first = api.createOk(Bodies.postgres("twin"));
    String second = api.createOk(Bodies.postgres("twin"));

    assertThat(first).isNotEqualTo(second);
    assertThat(api.list("name=twin").json().get("connections")).hasSize(2);
  }

  @Test
  void unknownKeysAreIgnoredAndNotStored() {
    String id =
        new SimClient(sim.get(), "v1").createOk(with(Bodies.postgres("x"), "colour", "blue"));

    assertThat(sim.get().connection(id).orElseThrow().settings()).doesNotContainKey("colour");
  }

  @Test
  void everyDialectCanBeCreatedWithItsRequiredFields() {
    SimClient api = new SimClient(sim.get(), "v1");
    for (dev.gitops.omni.model.Dialect d : dev.gitops.omni.model.Dialect.values()) {
      Map<String, Object> body = new LinkedHashMap<>(Bodies.postgres("c-" + d.wire()));
      body.put("dialect", d.wire());
      switch (d) {
        case snowflake, databricks -> {
          body.put("warehouse", "wh");
          body.put("host", "acct");
        }
        case mssql -> body.put("defaultSchema", "dbo");
        case oracle -> body.put("acceptsLicense", true);
        case bigquery -> body.put("passwordUnencrypted", Bodies.serviceAccount("p"));
        default -> {}
      }
      assertThat(api.create(body).status()).as(d.wire()).isEqualTo(201);
    }
    assertThat(sim.get().connections()).hasSize(17);
  }

  @Test
  void bigQueryRegionDefaultsToUs() {
    String id = new SimClient(sim.get(), "v1").createOk(Bodies.bigquery("bq"));

    assertThat(sim.get().connection(id).orElseThrow().settings()).containsEntry("region", "us");
  }

  @Test
  void bigQueryAcceptsDigitsForMaxBillingBytes() {
    SimClient.Resp r =
        new SimClient(sim.get(), "v1")
            .create(with(Bodies.bigquery("bq"), "maxBillingBytes", "1000"));

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void snowflakeKeyPairMayOmitThePassword() {
    Map<String, Object> body = without(Bodies.snowflake("sf"), "passwordUnencrypted");
    body.put("privateKey", "-----BEGIN PRIVATE KEY-----" + SECRET);

    String id = new SimClient(sim.get(), "v1").createOk(body);

    ConnectionSnapshot c = sim.get().connection(id).orElseThrow();
    assertThat(c.hasPassword()).isFalse();
    assertThat(c.hasPrivateKey()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"QUERIER", "CONNECTION_ADMIN", "NO_ACCESS", "ANALYST"})
  void documentedAndConfiguredCustomRolesAreAccepted(String role) {
    String id =
        new SimClient(sim.get(), "v1").createOk(with(Bodies.postgres("r"), "baseRole", role));

    assertThat(sim.get().connection(id).orElseThrow().baseRole()).isEqualTo(role);
  }

  @Test
  void queryTimeoutOf3600IsAccepted() {
    SimClient.Resp r =
        new SimClient(sim.get(), "v1")
            .create(with(Bodies.postgres("t"), "queryTimeoutSeconds", 3600));

    assertThat(r.status()).isEqualTo(201);
  }
}
