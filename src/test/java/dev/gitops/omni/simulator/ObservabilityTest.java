package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Counters, the journal, store snapshots, and the guarantee that none of them holds a secret. */
class ObservabilityTest {
  private static final String TOKEN = "tok-3f9a-very-secret-api-key";

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
        OmniSimulator.start(SimulatorOptions.builder().tokens(TOKEN).rateLimitPerMinute(0).build());
    c = new SimClient(sim, "v1", TOKEN);
  }

  @AfterEach
  void stop() {
    sim.close();
    logger.detachAppender(logs);
    logger.setLevel(previousLevel);
  }

  @Test
  void countsByRouteAndStatus() {
    String id = c.createOk(Bodies.postgres("p"));
    c.patch(id, Map.of("baseRole", "VIEWER"));
    c.patch(id, Map.of("baseRole", "NOPE"));
    c.list(null);
    c.get(id);
    c.delete(id);
    c.delete(id);

    assertThat(sim.count("create")).isEqualTo(1);
    assertThat(sim.count("create", 201)).isEqualTo(1);
    assertThat(sim.count("patch")).isEqualTo(2);
    assertThat(sim.count("patch", 200)).isEqualTo(1);
    assertThat(sim.count("patch", 400)).isEqualTo(1);
    assertThat(sim.count("list", 200)).isEqualTo(1);
    assertThat(sim.count("get", 200)).isEqualTo(1);
    assertThat(sim.count("delete", 200)).isEqualTo(1);
    assertThat(sim.count("delete", 410)).isEqualTo(1);
    assertThat(sim.totalRequests()).isEqualTo(7);

    sim.resetCounters();
    assertThat(sim.totalRequests()).isZero();
    assertThat(sim.count("patch")).isZero();
  }

  @Test
  void journalRecordsKeyNamesOnly() {
    String id = c.createOk(Bodies.postgres("p"));
    sim.clearJournal();

    c.patch(id, Map.of("baseRole", "VIEWER"));

    List<JournalEntry> journal = sim.journal();
    assertThat(journal).hasSize(1);
    JournalEntry e = journal.get(0);
    assertThat(e.method()).isEqualTo("PATCH");
    assertThat(e.api()).isEqualTo("v1");
    assertThat(e.route()).isEqualTo("patch");
    assertThat(e.connectionId()).isEqualTo(id);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.bodyKeys()).containsExactly("baseRole");
    assertThat(e.timestamp()).isNotNull();
  }

  @Test
  void createEntryCarriesTheNewIdAndKeys() {
    String id = c.createOk(Bodies.postgres("p"));

    JournalEntry e = sim.journal().get(0);

    assertThat(e.route()).isEqualTo("create");
    assertThat(e.connectionId()).isEqualTo(id);
    assertThat(e.bodyKeys())
        .containsExactly(
            "dialect", "name", "host", "port", "database", "username", "passwordUnencrypted");
    assertThat(e.name()).isEqualTo("p");
  }

  @Test
  void aCreateThatStoredNothingStillCarriesTheNameItAskedFor() {
    sim.injectRateLimitBurst(1);
    c.create(Bodies.postgres("limited"));
    sim.setError5xxRate(1.0);
    c.create(Bodies.postgres("failed"));
    sim.setError5xxRate(0);
    c.patch("no-such-id", Map.of("name", "not-a-create"));

    List<JournalEntry> journal = sim.journal();

    assertThat(journal).hasSize(3);
    assertThat(journal.get(0).status()).isEqualTo(429);
    assertThat(journal.get(1).status()).isIn(500, 503);
    assertThat(journal.get(2).route()).isEqualTo("patch");
    assertThat(journal)
        .extracting(JournalEntry::connectionId)
        .containsExactly(null, null, "no-such-id");
    assertThat(journal).extracting(JournalEntry::name).containsExactly("limited", "failed", null);
  }

  @Test
  void noSecretOrTokenInJournalSnapshotsOrLogs() {
    String id = c.createOk(Bodies.postgres("p"));
    c.createOk(Bodies.bigquery("bq"));
    c.patch(id, Map.of("passwordUnencrypted", Bodies.SECRET + "-rotated"));
    c.send("POST", "", "{\"passwordUnencrypted\": \"" + Bodies.SECRET + "\", broken");
    c.create(Bodies.with(Bodies.bigquery("bad"), "passwordUnencrypted", "{" + Bodies.SECRET));
    c.patch(id, "{\"passwordUnencrypted\": \"" + Bodies.SECRET + "\", \"host\": 1}");
    c.delete(id);
    new SimClient(sim, "v1", TOKEN + "-wrong").list(null);

    String everything =
        sim.journal().toString()
            + sim.connections()
            + logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

    assertThat(logs.list).isNotEmpty();
    assertThat(everything).doesNotContain(Bodies.SECRET).doesNotContain(TOKEN);
    assertThat(everything).doesNotContain("BEGIN PRIVATE KEY");
  }

  @Test
  void journalIsBounded() {
    try (OmniSimulator small =
        OmniSimulator.start(
            SimulatorOptions.builder().rateLimitPerMinute(0).journalCapacity(3).build())) {
      SimClient s = new SimClient(small, "v1");
      for (int i = 0; i < 5; i++) {
        s.list("name=" + i);
      }
      assertThat(small.journal()).hasSize(3);
      assertThat(small.totalRequests()).isEqualTo(5);
    }
  }
}
