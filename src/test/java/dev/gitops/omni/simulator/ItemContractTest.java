package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** v1-only get-one and delete (archive), and their absence on {@code unstable}. */
class ItemContractTest {
  private OmniSimulator sim;
  private SimClient v1;

  @BeforeEach
  void start() {
    sim = OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build());
    v1 = new SimClient(sim, "v1");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void getOneReturnsTheListObject() {
    String id = v1.createOk(Bodies.postgres("one"));

    SimClient.Resp r = v1.get(id);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/connection/id").asText()).isEqualTo(id);
    assertThat(r.json().at("/connection/name").asText()).isEqualTo("one");
    assertThat(r.json().get("connection").has("host")).isFalse();
    assertThat(r.json().get("connection").has("passwordUnencrypted")).isFalse();
    assertThat(r.json().get("connection"))
        .isEqualTo(v1.list("name=one").json().get("connections").get(0));
  }

  @Test
  void getUnknownIsNotFound() {
    SimClient.Resp r = v1.get("6b1c1d1e-0000-4000-8000-000000000000");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.detail()).isEqualTo("Connection not found");
    assertThat(r.json().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void deleteArchivesErasesSecretsThenGoneThenStillReadable() {
    String id = v1.createOk(Bodies.postgres("doomed"));

    SimClient.Resp r = v1.delete(id);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    ConnectionSnapshot s = sim.connection(id).orElseThrow();
    assertThat(s.archived()).isTrue();
    assertThat(s.hasPassword()).isFalse();
    assertThat(sim.secretMatches(id, "passwordUnencrypted", Bodies.SECRET)).isFalse();

    SimClient.Resp again = v1.delete(id);
    assertThat(again.status()).isEqualTo(410);
    assertThat(again.json().get("status").asInt()).isEqualTo(410);
    assertThat(again.detail()).isEqualTo("Connection already archived");

    SimClient.Resp got = v1.get(id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().at("/connection/deletedAt").asText()).isNotBlank();
  }

  @Test
  void deleteUnknownIsNotFound() {
    SimClient.Resp r = v1.delete("nope");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.detail()).isEqualTo("Connection not found");
  }

  @Test
  void unstableHasNoGetOneOrDelete() {
    String id = v1.createOk(Bodies.postgres("beta"));
    SimClient beta = new SimClient(sim, "unstable");

    for (SimClient.Resp r : new SimClient.Resp[] {beta.get(id), beta.delete(id)}) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo("Invalid method");
    }
    assertThat(sim.connection(id).orElseThrow().archived()).isFalse();
  }

  @Test
  void headIsAnInvalidMethodWithoutBody() {
    SimClient.Resp r = v1.send("HEAD", "", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.raw()).isEmpty();
    assertThat(sim.count("invalid_method", 400)).isEqualTo(1);
  }

  @Test
  void unknownPathIsNotFound() {
    SimClient.Resp r = new SimClient(sim, "v2").list(null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void justCreatedIdIsInvisibleForAMomentButListedAtOnce() {
    try (OmniSimulator slow =
        OmniSimulator.start(
            SimulatorOptions.builder()
                .rateLimitPerMinute(0)
                .newConnectionInvisibleFor(Duration.ofMillis(400))
                .build())) {
      SimClient c = new SimClient(slow, "v1");
      String id = c.createOk(Bodies.postgres("eventual"));

      assertThat(c.get(id).status()).isEqualTo(404);
      SimClient.Resp patch = c.patch(id, Map.of("baseRole", "VIEWER"));
      assertThat(patch.status()).isEqualTo(404);
      assertThat(patch.detail()).isEqualTo("Connection not found");
      assertThat(c.delete(id).status()).isEqualTo(404);
      assertThat(c.list("name=eventual").json().get("connections")).hasSize(1);

      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> c.get(id).status() == 200);
      assertThat(c.patch(id, Map.of("baseRole", "VIEWER")).status()).isEqualTo(200);
      assertThat(slow.connections()).hasSize(1);
    }
  }

  @Test
  void seededConnectionsAreVisibleAndAdoptable() {
    String id =
        sim.seed(
            Map.of(
                "id", "11111111-2222-4333-8444-555555555555",
                "dialect", "postgres",
                "name", "legacy",
                "passwordUnencrypted", "x",
                "environmentUserAttribute",
                    Map.of(
                        "attributeName",
                        "environment",
                        "defaultValues",
                        java.util.List.of("prod"))));

    assertThat(id).isEqualTo("11111111-2222-4333-8444-555555555555");
    SimClient.Resp r = v1.get(id);
    assertThat(r.json().at("/connection/userAttributeNameForConnectionEnvironments").asText())
        .isEqualTo("environment");
    assertThat(sim.count("get", 200)).isEqualTo(1);
    assertThat(sim.count("create")).isZero();
  }

  @Test
  void invalidSeedsAreRefusedWithOmnisDetail() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> sim.seed(Map.of("dialect", "postgres", "name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Bad Request: passwordUnencrypted: Required");
  }
}
