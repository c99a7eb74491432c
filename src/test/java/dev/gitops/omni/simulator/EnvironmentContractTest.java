package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection-environments routes over HTTP: link, set values, list, unlink. */
class EnvironmentContractTest {
  @RegisterExtension final SimulatorPerTest sims = new SimulatorPerTest();

  private OmniSimulator sim;
  private SimClient c;
  private String base;
  private String dev;
  private String staging;

  @BeforeEach
  void seed() {
    sim = sims.get();
    c = new SimClient(sim, "v1");
    base = sim.seed(Bodies.postgres("prod"));
    dev = sim.seed(Bodies.postgres("dev"));
    staging = sim.seed(Bodies.postgres("staging"));
  }

  @Test
  void aPostLinksEachConnectionAndAnswersTheRecordIds() {
    SimClient.Resp r = c.linkEnvironments(Bodies.link(base, dev, staging));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    JsonNode data = r.json().get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0).get("environmentConnectionId").asText()).isEqualTo(dev);
    assertThat(data.get(1).get("environmentConnectionId").asText()).isEqualTo(staging);
    assertThat(data.get(0).get("id").asText()).isNotIn(base, dev, staging);
    assertThat(sim.environments("default"))
        .extracting(
            EnvironmentSnapshot::id,
            EnvironmentSnapshot::baseConnectionId,
            EnvironmentSnapshot::connectionId,
            EnvironmentSnapshot::userAttributeValues)
        .containsExactly(
            tuple(data.get(0).get("id").asText(), base, dev, List.of()),
            tuple(data.get(1).get("id").asText(), base, staging, List.of()));
  }

  @Test
  void theIdsMayAlsoComeAsAnArray() {
    SimClient.Resp r =
        c.linkEnvironments(
            Map.of("baseConnectionId", base, "environmentConnectionIds", List.of(dev, staging)));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("data")).hasSize(2);
  }

  @Test
  void valuesAreSetByPutAsAStringOrAnArray() {
    JsonNode data = c.linkEnvironments(Bodies.link(base, dev, staging)).json().get("data");
    String devRecord = data.get(0).get("id").asText();
    String stagingRecord = data.get(1).get("id").asText();

    SimClient.Resp put =
        c.setEnvironmentValues(devRecord, Map.of("userAttributeValues", "dev, qa,"));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.raw()).isEqualTo("{\"success\":true}");
    assertThat(
            c.setEnvironmentValues(
                    stagingRecord, Map.of("userAttributeValues", List.of("staging", "staging")))
                .status())
        .isEqualTo(200);

    SimClient.Resp list = c.environments();
    assertThat(list.status()).isEqualTo(200);
    JsonNode records = list.json().get("connectionEnvironments");
    assertThat(records).hasSize(2);
    JsonNode first = records.get(0);
    assertThat(first.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("id", "baseConnectionId", "connectionId", "userAttributeValues");
    assertThat(first.get("id").asText()).isEqualTo(devRecord);
    assertThat(first.get("baseConnectionId").asText()).isEqualTo(base);
    assertThat(first.get("connectionId").asText()).isEqualTo(dev);
    assertThat(first.get("userAttributeValues").toString()).isEqualTo("[\"dev\",\"qa\"]");
    assertThat(records.get(1).get("userAttributeValues").toString())
        .as("a repeated value is kept once")
        .isEqualTo("[\"staging\"]");

    assertThat(c.setEnvironmentValues(devRecord, Map.of("userAttributeValues", "")).status())
        .isEqualTo(200);
    assertThat(sim.environments("default").get(0).userAttributeValues()).isEmpty();
  }

  @Test
  void deleteRemovesTheLinkButNotTheConnections() {
    String record = c.linkEnvironments(Bodies.link(base, dev)).json().at("/data/0/id").asText();

    SimClient.Resp r = c.unlinkEnvironment(record);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw()).isEqualTo("{\"success\":true}");
    assertThat(c.environments().json().get("connectionEnvironments")).isEmpty();
    assertThat(sim.connections()).extracting(ConnectionSnapshot::archived).containsOnly(false);
    SimClient.Resp again = c.unlinkEnvironment(record);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.detail())
        .isEqualTo("Connection environment with id " + record + " does not exist");
    assertThat(c.linkEnvironments(Bodies.link(base, dev)).status())
        .as("linked again after the unlink")
        .isEqualTo(201);
  }

  @Test
  void theBetaPrefixServesTheSameRecords() {
    SimClient beta = new SimClient(sim, "unstable");
    assertThat(beta.linkEnvironments(Bodies.link(base, dev)).status()).isEqualTo(201);

    assertThat(c.environments().json().get("connectionEnvironments")).hasSize(1);
    assertThat(beta.environments().json().get("connectionEnvironments")).hasSize(1);
  }

  @Test
  void otherMethodsAreInvalid() {
    String record = c.linkEnvironments(Bodies.link(base, dev)).json().at("/data/0/id").asText();
    String url = sim.baseUrl() + "/api/v1/connection-environments";

    for (SimClient.Resp r :
        List.of(
            c.sendTo("GET", url + "/" + record, null),
            c.sendTo("PATCH", url + "/" + record, Map.of("userAttributeValues", "x")),
            c.sendTo("DELETE", url, null))) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo("Invalid method");
    }
  }

  @Test
  void seededAndChangedRecordsAreWhatTheApiLists() {
    Organisation org = sim.organisation("default");
    String record = org.seedEnvironment(base, dev, List.of("dev"));
    assertThat(org.changeEnvironment(record, List.of("qa"))).isTrue();

    JsonNode listed = c.environments().json().at("/connectionEnvironments/0");
    assertThat(listed.get("id").asText()).isEqualTo(record);
    assertThat(listed.get("userAttributeValues").toString()).isEqualTo("[\"qa\"]");

    assertThat(org.removeEnvironment(record)).isTrue();
    assertThat(org.removeEnvironment(record)).isFalse();
    assertThat(org.changeEnvironment(record, List.of("x"))).isFalse();
    assertThat(org.environments()).isEmpty();
    assertThat(sim.count("environment-create")).as("seeding is not a request").isZero();
  }

  @Test
  void anOlderInstanceHasNoListButLinksAllTheSame() {
    try (OmniSimulator older =
        OmniSimulator.start(
            SimulatorOptions.builder()
                .rateLimitPerMinute(0)
                .environmentListMissing(true)
                .build())) {
      SimClient o = new SimClient(older, "v1");
      String b = older.seed(Bodies.postgres("prod"));
      String d = older.seed(Bodies.postgres("dev"));
      String record = o.linkEnvironments(Bodies.link(b, d)).json().at("/data/0/id").asText();

      SimClient.Resp list = o.environments();

      assertThat(list.status()).isEqualTo(404);
      assertThat(list.raw()).isEqualTo("{\"detail\":\"Not Found\",\"status\":404}");
      assertThat(older.count("environment-list", 404)).isOne();
      assertThat(o.setEnvironmentValues(record, Map.of("userAttributeValues", "dev")).status())
          .isEqualTo(200);
      assertThat(older.environments("default")).hasSize(1);
    }
  }
}
