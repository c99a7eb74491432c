package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.SecretKeyRef;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios with known secret values — create, rotation, Omni errors, a malformed
 * service-account JSON — and scans everything the operator emitted: logs at DEBUG, events,
 * statuses, metrics and exception messages.
 */
class OperatorSecretLeakTest {
  static final String PASSWORD = "canary-pw-5f1e2d";
  static final String ROTATED = "canary-rotated-77ab";
  static final String SA_KEY = "canary-private-key-c0ffee";
  static final List<String> SECRETS = List.of(PASSWORD, ROTATED, SA_KEY);

  Harness h;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();
  Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  Level rootLevel;

  @BeforeEach
  void setUp() {
    logs.start();
    root.addAppender(logs);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    ((Logger) LoggerFactory.getLogger("dev.gitops")).setLevel(Level.TRACE);
    h = new Harness().start();
  }

  @AfterEach
  void tearDown() {
    h.close();
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void noSecretValueAppearsInLogsEventsStatusMetricsOrErrors() {
    h.secret("pg", "password", PASSWORD);
    h.apply(postgres("sales"));
    String id = h.awaitReady("sales").getStatus().connectionId;

    h.secret("pg", "password", ROTATED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.sim.secretMatches(id, "passwordUnencrypted", ROTATED));

    // a BigQuery key that is JSON but not a service account: rejected before any call
    h.secret("bq", "sa.json", "{\"type\":\"service_account\",\"private_key\":\"" + SA_KEY + "\"}");
    OmniConnection bq = postgres("bq");
    bq.getSpec().dialect = dev.gitops.omni.model.Dialect.bigquery;
    bq.getSpec().host = null;
    bq.getSpec().port = null;
    bq.getSpec().passwordSecretRef = new SecretKeyRef("bq", "sa.json");
    h.apply(bq);
    h.awaitStalled("bq", "InvalidCredentials");

    // Omni errors while credentials are on the wire: a 500, then a 400
    h.sim.setError5xxRate(1.0);
    OmniConnection failing = postgres("failing");
    h.apply(failing);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.condition("failing", "Reconciling")
                    .map(c -> "OmniUnavailable".equals(c.getReason()))
                    .orElse(false));
    h.sim.setError5xxRate(0);
    h.edit("failing", r -> r.getSpec().baseRole = "NOT_A_ROLE");
    h.awaitStalled("failing", "OmniRejected");

    String emitted = emitted();
    assertThat(logs.list).as("logs were captured").isNotEmpty();
    assertThat(emitted).contains("InvalidCredentials", "OmniRejected", "CredentialsRotated");
    for (String secret : SECRETS) {
      assertThat(emitted).as("emitted output").doesNotContain(secret);
    }
  }

  /**
   * The neighbours' paths (issue 13): schedules created through Omni's 404 window, an environment
   * linked, its values edited and unlinked; with the password and the API key on the wire
   * throughout, neither may appear anywhere. (A schedule Omni refuses is in the client's
   * NeighbourSecretLeakTest: the operator's rules refuse every cron Omni would first.)
   */
  @Test
  void noSecretValueAppearsAlongSchedulesAndEnvironments() {
    h.secret("pg", "password", PASSWORD);
    OmniConnection base = postgres("prod");
    base.getSpec().environmentUserAttribute =
        new dev.gitops.omni.model.EnvironmentUserAttribute("env", List.of());
    base.getSpec().schemaRefreshSchedules =
        List.of(new dev.gitops.omni.model.RefreshScheduleSpec("0 9 ? * MON-FRI *", "UTC"));
    h.apply(base);
    OmniConnection environment = postgres("dev");
    environment.getSpec().environmentOf =
        new dev.gitops.omni.model.EnvironmentOf("prod", List.of("dev"));
    h.apply(environment);
    await("schedule and link in sync")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var b = h.get("prod").getStatus();
              var d = h.get("dev").getStatus();
              return b != null
                  && b.schemaRefreshSchedules != null
                  && Boolean.TRUE.equals(b.schemaRefreshSchedules.inSync)
                  && d != null
                  && d.environmentLink != null
                  && Boolean.TRUE.equals(d.environmentLink.inSync);
            });
    assertThat(h.sim.count("schedule-create", 404))
        .as("the schedule went through Omni's 404 window after the create")
        .isPositive();
    h.edit("dev", r -> r.getSpec().environmentOf.userAttributeValues = List.of("dev", "qa"));
    await("new values in Omni")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.sim.environments(dev.gitops.omni.simulator.Organisations.DEFAULT).stream()
                    .anyMatch(e -> e.userAttributeValues().equals(List.of("dev", "qa"))));
    h.edit("dev", r -> r.getSpec().environmentOf = null);
    await("unlinked")
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.sim.environments(dev.gitops.omni.simulator.Organisations.DEFAULT).isEmpty());

    String emitted = emitted();
    assertThat(emitted).contains("SchedulesUpdated", "EnvironmentLinked", "EnvironmentUnlinked");
    for (String secret :
        List.of(PASSWORD, dev.gitops.omni.simulator.SimulatorOptions.DEFAULT_TOKEN)) {
      assertThat(emitted).as("emitted output").doesNotContain(secret);
    }
  }

  /** Logs at DEBUG, events, every resource as stored, and the metric names. */
  private String emitted() {
    StringBuilder emitted = new StringBuilder();
    logs.list.forEach(
        e -> {
          emitted.append(e.getFormattedMessage()).append('\n');
          if (e.getThrowableProxy() != null) {
            emitted.append(e.getThrowableProxy().getMessage()).append('\n');
          }
        });
    h.k8s
        .v1()
        .events()
        .inNamespace(Harness.NS)
        .list()
        .getItems()
        .forEach(
            e -> emitted.append(e.getReason()).append(' ').append(e.getMessage()).append('\n'));
    h.k8s
        .resources(OmniConnection.class)
        .inNamespace(Harness.NS)
        .list()
        .getItems()
        .forEach(r -> emitted.append(Serialization.asJson(r)).append('\n'));
    h.operator
        .metrics()
        .registry()
        .getMeters()
        .forEach(m -> emitted.append(m.getId()).append('\n'));

    return emitted.toString();
  }
}
