package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Eventual consistency right after a create: a new connection's schedule calls answer 404 {@code
 * Connection with id … does not exist} for {@link SimulatorOptions#scheduleNotReadyFor()} while GET
 * and PATCH on the same id already answer 200, as seen on live instances.
 */
class ScheduleReadinessTest {
  private static final Map<String, Object> DAILY = Bodies.schedule("0 6 * * ? *", "UTC");

  private static OmniSimulator start(Duration notReady, Duration invisible) {
    return OmniSimulator.start(
        SimulatorOptions.builder()
            .rateLimitPerMinute(0)
            .scheduleNotReadyFor(notReady)
            .newConnectionInvisibleFor(invisible)
            .build());
  }

  @Test
  void schedulesOfANewConnectionAnswer404WhileGetAndPatchAnswer200() {
    try (OmniSimulator sim = start(Duration.ofMillis(700), Duration.ZERO)) {
      SimClient c = new SimClient(sim, "v1");
      String id = c.createOk(Bodies.postgres("fresh"));

      SimClient.Resp post = c.createSchedule(id, DAILY);
      assertThat(post.status()).isEqualTo(404);
      assertThat(post.raw())
          .isEqualTo(
              "{\"detail\":\"Connection with id " + id + " does not exist\",\"status\":404}");
      assertThat(c.schedules(id).status()).isEqualTo(404);
      assertThat(c.get(id).status()).isEqualTo(200);
      assertThat(c.patch(id, Map.of("baseRole", "VIEWER")).status()).isEqualTo(200);
      assertThat(sim.schedules("default", id)).as("a refused POST stores nothing").isEmpty();

      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> c.createSchedule(id, DAILY).status() == 201);
      assertThat(c.schedules(id).json().get("schedules")).hasSize(1);
      assertThat(sim.count("schedule-create", 404)).isPositive();
      assertThat(sim.count("schedule-create", 201)).isOne();
    }
  }

  @Test
  void theWindowIsPerConnectionAndSeedsAreReadyAtOnce() {
    try (OmniSimulator sim = start(Duration.ofMinutes(5), Duration.ZERO)) {
      SimClient c = new SimClient(sim, "v1");
      String seeded = sim.seed(Bodies.postgres("from the UI"));
      String fresh = c.createOk(Bodies.postgres("fresh"));

      assertThat(c.createSchedule(seeded, DAILY).status()).isEqualTo(201);
      assertThat(c.createSchedule(fresh, DAILY).status()).isEqualTo(404);
      assertThat(c.schedules(seeded).status()).isEqualTo(200);
    }
  }

  @Test
  void zeroTurnsTheWindowOff() {
    try (OmniSimulator sim = start(Duration.ZERO, Duration.ZERO)) {
      SimClient c = new SimClient(sim, "v1");
      String id = c.createOk(Bodies.postgres("fresh"));

      assertThat(c.createSchedule(id, DAILY).status()).isEqualTo(201);
    }
  }

  @Test
  void anInvisibleConnectionHasNoSchedulesEither() {
    try (OmniSimulator sim = start(Duration.ZERO, Duration.ofMinutes(5))) {
      SimClient c = new SimClient(sim, "v1");
      String id = c.createOk(Bodies.postgres("fresh"));

      assertThat(c.get(id).status()).isEqualTo(404);
      SimClient.Resp r = c.schedules(id);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).isEqualTo("Connection with id " + id + " does not exist");
    }
  }

  @Test
  void theDefaultWindowIsTwoSeconds() {
    assertThat(SimulatorOptions.defaults().scheduleNotReadyFor()).isEqualTo(Duration.ofSeconds(2));
    try (OmniSimulator sim = OmniSimulator.start()) {
      SimClient c = new SimClient(sim, "v1");
      String id = c.createOk(Bodies.postgres("fresh"));

      assertThat(c.createSchedule(id, DAILY).status()).isEqualTo(404);
    }
  }
}
