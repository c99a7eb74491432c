package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The connection-environments rules, one row each: what a POST or PUT Omni refuses answers a 400
 * that names the field (or 404 for an unknown record) and changes nothing; archiving a connection
 * drops its links.
 */
class EnvironmentRejectionTest {
  @RegisterExtension final SimulatorPerTest sims = new SimulatorPerTest();

  private OmniSimulator sim;
  private SimClient c;
  private Map<String, String> ids;
  private String existing;

  @BeforeEach
  void seed() {
    sim = sims.get();
    c = new SimClient(sim, "v1");
    String archived = sim.seed(Bodies.postgres("archived"));
    sim.archive(archived);
    ids =
        Map.of(
            "@BASE", sim.seed(Bodies.postgres("prod")),
            "@DEV", sim.seed(Bodies.postgres("dev")),
            "@STAGING", sim.seed(Bodies.postgres("staging")),
            "@SNOW", sim.seed(Bodies.snowflake("snow")),
            "@ARCHIVED", archived,
            "@UNKNOWN", "6b1c1d1e-0000-4000-8000-000000000000");
    existing =
        sim.organisation("default")
            .seedEnvironment(ids.get("@BASE"), ids.get("@STAGING"), List.of("staging"));
  }

  private String fill(String template) {
    String out = template;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not JSON|{\"baseConnectionId\": |Bad Request: Invalid JSON",
        "no base|{\"environmentConnectionIds\": \"@DEV\"}|Bad Request: baseConnectionId: Required",
        "base a number|{\"baseConnectionId\": 7, \"environmentConnectionIds\": \"@DEV\"}"
            + "|Bad Request: baseConnectionId: Expected string, received number",
        "no ids|{\"baseConnectionId\": \"@BASE\"}|Bad Request: environmentConnectionIds: Required",
        "blank ids|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": \" , \"}"
            + "|Bad Request: environmentConnectionIds: Required",
        "empty array|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": []}"
            + "|Bad Request: environmentConnectionIds: Required",
        "ids a number|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": 1}"
            + "|Bad Request: environmentConnectionIds: Expected string, received number",
        "array of numbers|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": [1]}"
            + "|Bad Request: environmentConnectionIds.0: Expected string, received number",
        "unknown base|{\"baseConnectionId\": \"@UNKNOWN\", \"environmentConnectionIds\": \"@DEV\"}"
            + "|Bad Request: baseConnectionId: Connection with id @UNKNOWN does not exist",
        "archived base|{\"baseConnectionId\": \"@ARCHIVED\", \"environmentConnectionIds\": \"@DEV\"}"
            + "|Bad Request: baseConnectionId: Connection with id @ARCHIVED does not exist",
        "unknown environment|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\":"
            + " \"@DEV,@UNKNOWN\"}"
            + "|Bad Request: environmentConnectionIds: Connection with id @UNKNOWN does not exist",
        "archived environment|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\":"
            + " [\"@ARCHIVED\"]}"
            + "|Bad Request: environmentConnectionIds: Connection with id @ARCHIVED does not exist",
        "other dialect|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": \"@SNOW\"}"
            + "|Bad Request: environmentConnectionIds: Connection with id @SNOW has dialect"
            + " snowflake, the base connection has postgres",
        "itself|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\": \"@DEV,@BASE\"}"
            + "|Bad Request: environmentConnectionIds: A connection cannot be an environment of"
            + " itself",
        "twice in one body|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\":"
            + " \"@DEV,@DEV\"}"
            + "|Bad Request: environmentConnectionIds: Connection with id @DEV is already an"
            + " environment of this base connection",
        "already linked|{\"baseConnectionId\": \"@BASE\", \"environmentConnectionIds\":"
            + " [\"@DEV\", \"@STAGING\"]}"
            + "|Bad Request: environmentConnectionIds: Connection with id @STAGING is already an"
            + " environment of this base connection"
      })
  void aRefusedPostStoresNothing(String why, String body, String detail) {
    SimClient.Resp r = c.linkEnvironments(fill(body));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo(fill(detail));
    assertThat(r.json().get("status").asInt()).isEqualTo(400);
    assertThat(sim.environments("default"))
        .extracting(EnvironmentSnapshot::id)
        .containsExactly(existing);
    assertThat(sim.count("environment-create", 400)).isOne();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "value of another environment of the base|{\"userAttributeValues\": \"dev,staging\"}"
            + "|User attribute value \"staging\" is already in use",
        "as an array|{\"userAttributeValues\": [\"staging\"]}"
            + "|User attribute value \"staging\" is already in use",
        "no values|{}|Bad Request: userAttributeValues: Required",
        "null values|{\"userAttributeValues\": null}|Bad Request: userAttributeValues: Required",
        "values a number|{\"userAttributeValues\": 3}"
            + "|Bad Request: userAttributeValues: Expected string, received number",
        "not JSON|dev|Bad Request: Invalid JSON"
      })
  void aRefusedPutChangesNothing(String why, String body, String detail) {
    String record =
        c.linkEnvironments(Bodies.link(ids.get("@BASE"), ids.get("@DEV")))
            .json()
            .at("/data/0/id")
            .asText();
    c.setEnvironmentValues(record, Map.of("userAttributeValues", "dev"));

    SimClient.Resp r = c.setEnvironmentValues(record, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo(detail);
    assertThat(sim.environments("default"))
        .extracting(EnvironmentSnapshot::userAttributeValues)
        .containsExactly(List.of("staging"), List.of("dev"));
  }

  @Test
  void valuesNeedOnlyBeUniqueWithinOneBase() {
    String otherBase = sim.seed(Bodies.postgres("prod-eu"));
    String record =
        c.linkEnvironments(Bodies.link(otherBase, ids.get("@DEV")))
            .json()
            .at("/data/0/id")
            .asText();

    assertThat(c.setEnvironmentValues(record, Map.of("userAttributeValues", "staging")).status())
        .as("another base's environment may use the value")
        .isEqualTo(200);
    assertThat(c.setEnvironmentValues(existing, Map.of("userAttributeValues", "staging")).status())
        .as("a record's own values again")
        .isEqualTo(200);
  }

  @Test
  void anUnknownRecordIs404() {
    for (SimClient.Resp r :
        List.of(
            c.setEnvironmentValues("nope", Map.of("userAttributeValues", "dev")),
            c.unlinkEnvironment("nope"))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).isEqualTo("Connection environment with id nope does not exist");
    }
  }

  @Test
  void aBaseWithoutTheEnvironmentAttributeMayStillBeLinked() {
    assertThat(sim.connection(ids.get("@BASE")).orElseThrow().environmentAttributeName()).isNull();

    assertThat(c.linkEnvironments(Bodies.link(ids.get("@BASE"), ids.get("@DEV"))).status())
        .isEqualTo(201);
  }

  @Test
  void oneConnectionMayBeAnEnvironmentOfTwoBases() {
    String otherBase = sim.seed(Bodies.postgres("prod-eu"));

    assertThat(c.linkEnvironments(Bodies.link(otherBase, ids.get("@STAGING"))).status())
        .isEqualTo(201);
    assertThat(sim.environments("default")).hasSize(2);
  }

  @Test
  void archivingEitherConnectionDropsItsLinks() {
    String dev = ids.get("@DEV");
    String base = ids.get("@BASE");
    String otherBase = sim.seed(Bodies.postgres("prod-eu"));
    c.linkEnvironments(Bodies.link(base, dev));
    c.linkEnvironments(Bodies.link(otherBase, dev));
    assertThat(sim.environments("default")).hasSize(3);

    assertThat(c.delete(dev).status()).isEqualTo(200);
    assertThat(sim.environments("default"))
        .extracting(EnvironmentSnapshot::connectionId)
        .containsExactly(ids.get("@STAGING"));

    sim.archive(base);
    assertThat(sim.environments("default")).isEmpty();
    assertThat(c.environments().json().get("connectionEnvironments")).isEmpty();
    assertThat(c.setEnvironmentValues(existing, Map.of("userAttributeValues", "x")).status())
        .isEqualTo(404);
  }
}
