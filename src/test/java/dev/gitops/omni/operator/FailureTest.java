package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Omni failures (429, 5xx, a dropped create response, a wrong key): status, events and bounded
 * calls; conflicts are in {@link NameConflictTest}, edits Omni cannot apply in {@link
 * ReplacementAndRejectionTest}.
 */
class FailureTest {
  @RegisterExtension final HarnessPerTest rig = new HarnessPerTest();
  Harness h;

  void start() {
    h = rig.startedWithPostgresSecret();
  }

  @Test
  void a429IsRetriedAndTheConnectionIsCreatedOnce() {
    start();
    h.sim.injectRateLimitBurst(2);
    h.apply(postgres("sales"));
    h.awaitReady("sales");
    assertThat(h.sim.count("list", 429) + h.sim.count("create", 429)).isEqualTo(2);
    assertThat(h.sim.connections()).hasSize(1);
    assertThat(h.sim.count("create", 201)).isEqualTo(1);
    assertThat(h.events("sales")).anyMatch(e -> "RateLimited".equals(e.getReason()));
  }

  @Test
  void persistent500sBackOffToABoundedNumberOfCalls() {
    start();
    h.sim.setError5xxRate(1.0);
    h.apply(postgres("sales"));
    // backoff 2s, 4s, 8s (with jitter): at most a handful of tries in 7 seconds
    await("never more than 6 calls in 7 seconds")
        .during(Duration.ofSeconds(7))
        .atMost(Duration.ofSeconds(9))
        .until(() -> h.sim.totalRequests() <= 6);
    assertThat(h.sim.totalRequests()).as("retried at least once").isGreaterThanOrEqualTo(2);
    assertThat(h.is("sales", "Reconciling", "True")).isTrue();
  }

  @Test
  void stayingUnderOmnisRateLimitMeansNo429s() {
    h =
        rig.closedAfterTheTest(
            new Harness(
                    SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(120).build(),
                    c -> c.withRequestsPerMinute(120))
                .start());
    h.secret("pg", "password", "pw-1");
    java.util.stream.IntStream.range(0, 8).forEach(i -> h.apply(postgres("c" + i)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.stream.IntStream.range(0, 8)
                    .allMatch(i -> h.is("c" + i, "Ready", "True")));
    assertThat(h.sim.journal()).noneMatch(j -> j.status() == 429);
    assertThat(h.sim.connections()).hasSize(8);
  }

  @Test
  void a500IsReportedAsReconcilingThenSucceeds() {
    start();
    h.sim.setError5xxRate(1.0);
    h.apply(postgres("sales"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.condition("sales", "Reconciling")
                    .map(
                        c ->
                            "True".equals(c.getStatus()) && "OmniUnavailable".equals(c.getReason()))
                    .orElse(false));
    assertThat(h.is("sales", "Ready", "False")).isTrue();
    assertThat(h.is("sales", "Stalled", "False")).isTrue();
    h.sim.setError5xxRate(0);
    h.awaitReady("sales");
    assertThat(h.sim.connections()).hasSize(1);
  }

  @Test
  void aDroppedCreateResponseNeverMakesASecondConnection() {
    start();
    h.sim.setDropCreateRate(1.0);
    h.apply(postgres("sales"));
    OmniConnection r = h.awaitReady("sales");
    assertThat(h.calls("create")).hasSize(1);
    assertThat(h.calls("create").get(0).dropped()).isTrue();
    assertThat(h.sim.connections()).hasSize(1);
    assertThat(r.getStatus().connectionId).isEqualTo(h.sim.connections().get(0).id());
    assertThat(r.unsettledCreateMark()).as("the adoption settled the mark").isNull();
  }

  @Test
  void aWrongTokenStallsAsPermissionDeniedWithBoundedCalls() {
    h =
        rig.closedAfterTheTest(
            new Harness(
                    SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build(),
                    c ->
                        new OperatorConfig(
                            c.omniUrl(),
                            c.apiPrefix(),
                            SecretValue.of("wrong"),
                            c.namespaces(),
                            c.pollInterval(),
                            c.defaultDeletionPolicy(),
                            c.requestsPerMinute(),
                            c.reconcileThreads(),
                            c.timeouts()))
                .start());
    h.secret("pg", "password", "pw-1");
    h.apply(postgres("sales"));
    var stalled = h.awaitStalled("sales", "PermissionDenied");
    assertThat(stalled.getMessage()).contains("API key");
    long calls = h.sim.totalRequests();
    await("no further call once stalled")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> h.sim.totalRequests() == calls);
    assertThat(calls).isLessThanOrEqualTo(2);
  }
}
