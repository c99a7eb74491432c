package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET {prefix}/connections}: filters, sorting, the wire shape and the documented errors. */
class ListContractTest {
  private OmniSimulator sim;
  private String pgId;
  private String sfId;

  @BeforeEach
  void start() {
    sim = OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build());
    SimClient c = new SimClient(sim, "v1");
    pgId = c.createOk(with(Bodies.postgres("Production Database"), "defaultSchema", "public"));
    sfId = c.createOk(with(Bodies.snowflake("Analytics Warehouse"), "baseRole", "VIEWER"));
    c.createOk(with(Bodies.postgres("staging db"), "database", "stage_db"));
    c.patch(
        pgId,
        Map.of(
            "environmentUserAttribute",
            Map.of("attributeName", "environment", "defaultValues", List.of("prod"))));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static List<String> names(SimClient.Resp r) {
    List<String> out = new ArrayList<>();
    r.json().get("connections").forEach(c -> out.add(c.get("name").asText()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void listReturnsTheDocumentedFieldsAndNoSecrets(String api) {
    SimClient.Resp r = new SimClient(sim, api).list(null);

    assertThat(r.status()).isEqualTo(200);
    JsonNode pg = null;
    for (JsonNode c : r.json().get("connections")) {
      List<String> keys = new ArrayList<>();
      c.fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .containsExactly(
              "id",
              "name",
              "dialect",
              "database",
              "deletedAt",
              "userAttributeNameForConnectionEnvironments",
              "userAttributeValuesForDefaultEnvironment",
              "branchConnectionEnvironmentOverridesUserAttr",
              "environmentConnectionSwitchesSchemaModel",
              "baseRole",
              "defaultSchema",
              "createdAt",
              "updatedAt");
      if (c.get("id").asText().equals(pgId)) {
        pg = c;
      }
    }
    assertThat(r.raw())
        .doesNotContain(Bodies.SECRET, "db.internal", "COMPUTE_WH", "5432", "omni\"");
    assertThat(pg).isNotNull();
    assertThat(pg.get("dialect").asText()).isEqualTo("postgres");
    assertThat(pg.get("database").asText()).isEqualTo("prod_db");
    assertThat(pg.get("deletedAt").isNull()).isTrue();
    assertThat(pg.get("userAttributeNameForConnectionEnvironments").asText())
        .isEqualTo("environment");
    assertThat(pg.get("userAttributeValuesForDefaultEnvironment").isArray()).isTrue();
    assertThat(pg.get("userAttributeValuesForDefaultEnvironment").get(0).asText())
        .isEqualTo("prod");
    assertThat(pg.get("defaultSchema").asText()).isEqualTo("public");
    assertThat(pg.get("branchConnectionEnvironmentOverridesUserAttr").asBoolean()).isFalse();
  }

  @Test
  void nameAndDatabaseAreCaseInsensitiveContains() {
    SimClient c = new SimClient(sim, "v1");

    assertThat(names(c.list("name=DATABASE"))).containsExactly("Production Database");
    assertThat(names(c.list("name=db"))).containsExactly("staging db");
    assertThat(names(c.list("database=PROD"))).containsExactly("Production Database");
    assertThat(names(c.list("name=Production%20Database"))).containsExactly("Production Database");
    assertThat(names(c.list("name=nothing"))).isEmpty();
  }

  @Test
  void dialectFilterTakesACommaList() {
    SimClient c = new SimClient(sim, "v1");

    assertThat(names(c.list("dialect=snowflake"))).containsExactly("Analytics Warehouse");
    assertThat(names(c.list("dialect=snowflake,postgres"))).hasSize(3);
  }

  @CsvSource({
    "sortField=name, Analytics Warehouse|Production Database|staging db",
    "sortField=name&sortDirection=desc, staging db|Production Database|Analytics Warehouse",
    "sortField=dialect&sortDirection=desc, Analytics Warehouse|Production Database|staging db",
    "sortField=database, Analytics Warehouse|Production Database|staging db",
  })
  @ParameterizedTest
  void sorting(String query, String expected) {
    assertThat(names(new SimClient(sim, "v1").list(query))).containsExactly(expected.split("\\|"));
  }

  @Test
  void archivedConnectionsOnlyWithIncludeDeleted() {
    SimClient c = new SimClient(sim, "v1");
    c.delete(sfId);

    assertThat(names(c.list(null))).doesNotContain("Analytics Warehouse");
    assertThat(names(c.list("includeDeleted=false"))).doesNotContain("Analytics Warehouse");
    SimClient.Resp all = c.list("includeDeleted=true");
    assertThat(names(all)).contains("Analytics Warehouse");
    for (JsonNode conn : all.json().get("connections")) {
      if (conn.get("id").asText().equals(sfId)) {
        assertThat(conn.get("deletedAt").asText()).isNotBlank();
      }
    }
  }

  @CsvSource(
      delimiter = ';',
      value = {
        "colour=blue; Bad Request: formErrors: Unrecognized key(s) in object: 'colour'",
        "page=2&limit=5; Bad Request: formErrors: Unrecognized key(s) in object: 'page', 'limit'",
        "sortField=createdAt; Bad Request: sortField: Invalid enum value. Expected 'database' |"
            + " 'dialect' | 'name', received 'createdAt'",
        "dialect=db2; Invalid dialect(s): db2",
        "dialect=postgres,db2,hive; Invalid dialect(s): db2, hive",
        "sortDirection=up; Bad Request: sortDirection: Invalid enum value. Expected 'asc' |"
            + " 'desc', received 'up'",
        "includeDeleted=yes; Bad Request: includeDeleted: Invalid enum value. Expected 'true' |"
            + " 'false', received 'yes'",
      })
  @ParameterizedTest
  void invalidQueriesAreRejected(String query, String detail) {
    for (String api : new String[] {"v1", "unstable"}) {
      SimClient.Resp r = new SimClient(sim, api).list(query);

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo(detail);
    }
  }

  @Test
  void legacyWireShapesAsSomeInstancesAnswer() {
    try (OmniSimulator old =
        OmniSimulator.start(
            SimulatorOptions.builder().rateLimitPerMinute(0).legacyWireShapes(true).build())) {
      SimClient c = new SimClient(old, "unstable");
      String id =
          c.createOk(
              with(with(Bodies.postgres("sql"), "dialect", "mssql"), "defaultSchema", "dbo"));
      c.patch(
          id,
          Map.of(
              "environmentUserAttribute",
              Map.of("attributeName", "env", "defaultValues", List.of("a", "b"))));

      JsonNode conn = c.list("dialect=mssql").json().get("connections").get(0);

      assertThat(conn.get("dialect").asText()).isEqualTo("sqlserver");
      assertThat(conn.get("userAttributeValuesForDefaultEnvironment").asText()).isEqualTo("a,b");
    }
  }
}
