package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Schedule and environment calls in the counters and the journal, under injected faults, and never
 * with a secret or a token in the journal, the snapshots or the logs.
 */
class NeighbourObservabilityTest {
  private static final String TOKEN = "tok-7c1e-neighbour-secret-key";
  private static final Map<String, Object> DAILY = Bodies.schedule("0 6 * * ? *", "UTC");

  private OmniSimulator sim;
  private SimClient c;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;
  private Level previousLevel;

  @BeforeEach
  void start() {
    logger = (Logger) LoggerFactory.getLogger("dev.gitops.omni.simulator");
    previousLevel = logger.getLevel();
    logger.setLevel(Level.TRACE);
    logs.start();
    logger.addAppender(logs);
    sim =
        OmniSimulator.start(
            SimulatorOptions.builder()
                .tokens(TOKEN)
                .rateLimitPerMinute(0)
                .scheduleNotReadyFor(Duration.ZERO)
                .build());
    c = new SimClient(sim, "v1", TOKEN);
  }

  @AfterEach
  void stop() {
    sim.close();
    logger.detachAppender(logs);
    logger.setLevel(previousLevel);
  }

  @Test
  void everyRouteIsCountedAndJournaledUnderItsName() {
    String base = c.createOk(Bodies.postgres("prod"));
    String dev = c.createOk(Bodies.postgres("dev"));
    sim.resetCounters();
    sim.clearJournal();

    c.schedules(base);
    String sid = c.createSchedule(base, DAILY).json().get("scheduleId").asText();
    c.schedule(base, sid);
    c.updateSchedule(base, sid, Bodies.schedule("0 7 * * ? *", "UTC"));
    c.deleteSchedule(base, sid);
    c.environments();
    String record = c.linkEnvironments(Bodies.link(base, dev)).json().at("/data/0/id").asText();
    c.setEnvironmentValues(record, Map.of("userAttributeValues", List.of("dev")));
    c.unlinkEnvironment(record);
    c.createSchedule(base, Bodies.schedule("0 9 * * *", "UTC"));

    assertThat(sim.count("schedule-list", 200)).isOne();
    assertThat(sim.count("schedule-create", 201)).isOne();
    assertThat(sim.count("schedule-create", 400)).isOne();
    assertThat(sim.count("schedule-create")).isEqualTo(2);
    assertThat(sim.count("schedule_get", 200)).as("_ and - are the same").isOne();
    assertThat(sim.count("schedule-update", 200)).isOne();
    assertThat(sim.count("schedule-delete", 200)).isOne();
    assertThat(sim.count("environment-list", 200)).isOne();
    assertThat(sim.count("environment-create", 201)).isOne();
    assertThat(sim.count("environment-update", 200)).isOne();
    assertThat(sim.count("environment-delete", 200)).isOne();
    assertThat(sim.totalRequests()).isEqualTo(10);

    assertThat(sim.journal())
        .extracting(
            JournalEntry::method,
            JournalEntry::route,
            JournalEntry::connectionId,
            JournalEntry::itemId,
            JournalEntry::status,
            JournalEntry::bodyKeys)
        .containsExactly(
            tuple("GET", "schedule-list", base, null, 200, List.of()),
            tuple("POST", "schedule-create", base, sid, 201, List.of("schedule", "timezone")),
            tuple("GET", "schedule-get", base, sid, 200, List.of()),
            tuple("PUT", "schedule-update", base, sid, 200, List.of("schedule", "timezone")),
            tuple("DELETE", "schedule-delete", base, sid, 200, List.of()),
            tuple("GET", "environment-list", null, null, 200, List.of()),
            tuple(
                "POST",
                "environment-create",
                base,
                null,
                201,
                List.of("baseConnectionId", "environmentConnectionIds")),
            tuple("PUT", "environment-update", base, record, 200, List.of("userAttributeValues")),
            tuple("DELETE", "environment-delete", base, record, 200, List.of()),
            tuple("POST", "schedule-create", base, null, 400, List.of("schedule", "timezone")));
    assertThat(sim.journal()).extracting(JournalEntry::name).containsOnlyNulls();
  }

  @Test
  void injected5xxAnswersBeforeAnythingIsStored() {
    String base = sim.seed(Bodies.postgres("prod"));
    String dev = sim.seed(Bodies.postgres("dev"));
    sim.setError5xxRate(1.0);

    for (SimClient.Resp r :
        List.of(
            c.createSchedule(base, DAILY),
            c.schedules(base),
            c.linkEnvironments(Bodies.link(base, dev)),
            c.environments())) {
      assertThat(r.status()).isIn(500, 503);
      assertThat(r.detail()).isIn("Internal Server Error", "Service Unavailable");
    }
    assertThat(sim.schedules("default", base)).isEmpty();
    assertThat(sim.environments("default")).isEmpty();

    sim.setError5xxRate(0);
    assertThat(c.createSchedule(base, DAILY).status()).isEqualTo(201);
  }

  @Test
  void burstsAndLatencyApplyToo() {
    String base = sim.seed(Bodies.postgres("prod"));
    sim.injectRateLimitBurst(2);
    assertThat(c.schedules(base).status()).isEqualTo(429);
    assertThat(c.environments().status()).isEqualTo(429);

    sim.setLatency(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(c.schedules(base).status()).isEqualTo(200);
    assertThat(c.environments().status()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
  }

  @Test
  void noSecretOrTokenInJournalSnapshotsOrLogs() {
    String base = c.createOk(Bodies.postgres("prod"));
    String dev = c.createOk(Bodies.postgres("dev"));
    c.createSchedule(base, DAILY);
    c.send("POST", "/" + base + "/schedules", "{\"schedule\": \"" + Bodies.SECRET + "\", broken");
    c.createSchedule(base, Map.of("schedule", Bodies.SECRET, "timezone", "UTC"));
    String record = c.linkEnvironments(Bodies.link(base, dev)).json().at("/data/0/id").asText();
    c.setEnvironmentValues(record, "{\"userAttributeValues\": \"" + Bodies.SECRET + "\", broken");
    c.linkEnvironments(Map.of("baseConnectionId", base, "environmentConnectionIds", 1));
    new SimClient(sim, "v1", TOKEN + "-wrong").schedules(base);
    new SimClient(sim, "v1", TOKEN + "-wrong").environments();

    String everything =
        sim.journal().toString()
            + sim.connections()
            + sim.schedules("default", base)
            + sim.environments("default")
            + logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

    assertThat(logs.list).isNotEmpty();
    assertThat(everything).doesNotContain(TOKEN).doesNotContain(Bodies.SECRET);
  }
}
