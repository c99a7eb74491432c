package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules and connection environments belong to one organisation, like its connections, and their
 * calls count against the same per-key rate limit.
 */
class NeighbourTenancyTest {
  private static final Map<String, Object> DAILY = Bodies.schedule("0 6 * * ? *", "UTC");

  private static SimulatorOptionsBuilder twoTeams() {
    return SimulatorOptions.builder()
        .organisation("team-a", "a1")
        .organisation("team-b", "b1")
        .scheduleNotReadyFor(Duration.ZERO)
        .rateLimitPerMinute(0);
  }

  @Test
  void anotherOrganisationsSchedulesAreNotThere() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      SimClient a = new SimClient(sim, "v1", "a1");
      SimClient b = new SimClient(sim, "v1", "b1");
      String id = a.createOk(Bodies.postgres("orders"));
      String sid = a.createSchedule(id, DAILY).json().get("scheduleId").asText();

      for (SimClient.Resp r :
          List.of(
              b.schedules(id),
              b.createSchedule(id, DAILY),
              b.schedule(id, sid),
              b.updateSchedule(id, sid, Bodies.schedule("0 7 * * ? *", "UTC")),
              b.deleteSchedule(id, sid))) {
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.detail()).isEqualTo("Connection with id " + id + " does not exist");
      }
      assertThat(sim.schedules("team-a", id))
          .extracting(ScheduleSnapshot::schedule)
          .containsExactly("0 6 * * ? *");
      assertThat(sim.schedules("team-b", id)).isEmpty();
      assertThat(sim.organisation("team-b").schedules()).isEmpty();
      assertThat(a.schedules(id).json().get("schedules")).hasSize(1);
    }
  }

  @Test
  void anotherOrganisationsEnvironmentsAreNotThere() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      SimClient a = new SimClient(sim, "v1", "a1");
      SimClient b = new SimClient(sim, "v1", "b1");
      String base = a.createOk(Bodies.postgres("prod"));
      String dev = a.createOk(Bodies.postgres("dev"));
      String record = a.linkEnvironments(Bodies.link(base, dev)).json().at("/data/0/id").asText();
      String ownOfB = b.createOk(Bodies.postgres("b-dev"));

      assertThat(b.environments().json().get("connectionEnvironments")).isEmpty();
      SimClient.Resp link = b.linkEnvironments(Bodies.link(base, ownOfB));
      assertThat(link.status()).isEqualTo(400);
      assertThat(link.detail())
          .isEqualTo(
              "Bad Request: baseConnectionId: Connection with id " + base + " does not exist");
      assertThat(b.setEnvironmentValues(record, Map.of("userAttributeValues", "x")).status())
          .isEqualTo(404);
      assertThat(b.unlinkEnvironment(record).status()).isEqualTo(404);

      assertThat(sim.environments("team-a"))
          .extracting(EnvironmentSnapshot::id)
          .containsExactly(record);
      assertThat(sim.environments("team-b")).isEmpty();
      assertThat(sim.organisation("team-b").journal())
          .extracting(JournalEntry::route)
          .containsExactly(
              "create",
              "environment-list",
              "environment-create",
              "environment-update",
              "environment-delete");
    }
  }

  @Test
  void neighbourCallsCountAgainstTheKeysLimit() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().rateLimitPerMinute(4).build())) {
      String id = sim.organisation("team-a").seed(Bodies.postgres("orders"));
      SimClient a = new SimClient(sim, "v1", "a1");

      assertThat(a.list(null).status()).isEqualTo(200);
      assertThat(a.schedules(id).status()).isEqualTo(200);
      assertThat(a.environments().status()).isEqualTo(200);
      assertThat(a.createSchedule(id, DAILY).status()).isEqualTo(201);
      SimClient.Resp limited = a.createSchedule(id, DAILY);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.detail()).isEqualTo("Too Many Requests");
      assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
      assertThat(a.linkEnvironments(Bodies.link(id, id)).status()).isEqualTo(429);

      assertThat(sim.schedules("team-a", id)).hasSize(1);
      assertThat(sim.count("schedule-create", 429)).isOne();
      assertThat(sim.count("environment-create", 429)).isOne();
      assertThat(new SimClient(sim, "v1", "b1").environments().status())
          .as("another key has its own budget")
          .isEqualTo(200);
    }
  }
}
