package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import dev.gitops.omni.simulator.SimulatorOptions;
import dev.gitops.omni.simulator.SimulatorOptionsBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Omni failures, conflicts and edits Omni cannot apply: status, events and bounded calls. */
class FailureTest {
  Harness h;

  Harness start(SimulatorOptionsBuilder sim) {
    h = new Harness(sim.rateLimitPerMinute(0).build(), c -> c).start();
    h.secret("pg", "password", "pw-1");
    return h;
  }

  Harness start() {
    return start(SimulatorOptions.defaults().toBuilder());
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
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
        new Harness(
                SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(120).build(),
                c -> c.withRequestsPerMinute(120))
            .start();
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
  void twoResourcesNamingOneConnectionGiveExactlyOneConflict() {
    start();
    String id =
        h.sim.seed(Map.of("dialect", "postgres", "name", "shared", "passwordUnencrypted", "x"));
    OmniConnection a = postgres("a");
    a.getSpec().connectionId = id;
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().connectionId = id;
    b.getSpec().name = "shared";
    h.apply(a);
    h.awaitReady("a");
    h.apply(b);
    var conflict = h.awaitStalled("b", "Conflict");
    assertThat(conflict.getMessage()).contains("team/a");
    assertThat(h.is("a", "Ready", "True")).isTrue();
    assertThat(h.get("a").getStatus().connectionId).isEqualTo(id);
    assertThat(h.get("b").getStatus().connectionId).isNull();
  }

  @Test
  void twoNewResourcesWantingOneNameMakeOneConnectionAndOneConflict() {
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(b);
    h.apply(a);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                (h.is("a", "Ready", "True") && h.is("b", "Stalled", "True"))
                    || (h.is("b", "Ready", "True") && h.is("a", "Stalled", "True")));
    String loser = h.is("a", "Ready", "True") ? "b" : "a";
    assertThat(h.condition(loser, "Stalled").orElseThrow().getReason()).isEqualTo("Conflict");
    assertThat(h.sim.connections()).hasSize(1);
    assertThat(h.calls("create")).hasSize(1);
  }

  @Test
  void theLoserOfAConflictTakesTheConnectionOverWhenTheWinnerGoes() {
    // Omni's list does not change when the winner is deleted (Orphan) or renamed away, so the
    // poller never triggers the loser: the winner's going must
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(a);
    String id = h.awaitReady("a").getStatus().connectionId;
    h.apply(b);
    h.awaitStalled("b", "Conflict");

    h.delete("a");

    await("b takes connection " + id + " over")
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.get("a") == null && h.is("b", "Ready", "True"));
    assertThat(h.get("b").getStatus().connectionId).isEqualTo(id);
    assertThat(h.calls("create")).as("nothing created twice").hasSize(1);
  }

  @Test
  void theLoserOfAConflictTakesTheConnectionOverWhenTheWinnerIsRenamedAway() {
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    a.getSpec().replacementPolicy = dev.gitops.omni.model.Policies.ReplacementPolicy.Recreate;
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(a);
    String shared = h.awaitReady("a").getStatus().connectionId;
    h.apply(b);
    h.awaitStalled("b", "Conflict");

    h.edit("a", r -> r.getSpec().name = "renamed");

    await("b takes connection " + shared + " over")
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.is("b", "Ready", "True"));
    assertThat(h.get("b").getStatus().connectionId).isEqualTo(shared);
    assertThat(h.get("a").getStatus().connectionId).isNotEqualTo(shared);
  }

  @Test
  void anImmutableEditNeedsReplacementAndRecreateSwitchesAndArchivesTheOld() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().deletionPolicy = DeletionPolicy.Delete;
    h.apply(r);
    String oldId = h.awaitReady("sales").getStatus().connectionId;

    h.edit("sales", x -> x.getSpec().host = "db2.internal");
    var stalled = h.awaitStalled("sales", "ReplacementRequired");
    assertThat(stalled.getMessage()).contains("host").contains("replacementPolicy: Recreate");
    assertThat(h.calls("create")).hasSize(1);

    h.edit("sales", x -> x.getSpec().replacementPolicy = ReplacementPolicy.Recreate);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.is("sales", "Ready", "True")
                    && !oldId.equals(h.get("sales").getStatus().connectionId));
    String newId = h.get("sales").getStatus().connectionId;
    assertThat(h.sim.connection(newId).orElseThrow().settings())
        .containsEntry("host", "db2.internal");
    assertThat(h.sim.connection(oldId).orElseThrow().archived()).isTrue();
    assertThat(h.get("sales").getStatus().replacedConnectionId).isNull();
    assertThat(h.events("sales")).anyMatch(e -> "Replaced".equals(e.getReason()));
  }

  @Test
  void recreateUnderOrphanLeavesTheOldConnectionAndSaysSo() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().replacementPolicy = ReplacementPolicy.Recreate;
    h.apply(r);
    String oldId = h.awaitReady("sales").getStatus().connectionId;
    h.edit("sales", x -> x.getSpec().port = 6432);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !oldId.equals(h.get("sales").getStatus().connectionId)
                    && h.is("sales", "Ready", "True"));
    assertThat(h.sim.connection(oldId).orElseThrow().archived()).isFalse();
    assertThat(h.get("sales").getStatus().replacedConnectionId).isEqualTo(oldId);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                h.condition("sales", "Ready").orElseThrow().getMessage().contains("left in Omni"));
  }

  @Test
  void omniRejectingTheCreateStallsWithItsDetailAndDoesNotLoop() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().baseRole = "NOT_A_ROLE";
    h.apply(r);
    var stalled = h.awaitStalled("sales", "OmniRejected");
    assertThat(stalled.getMessage()).contains("Bad Request: baseRole: Invalid enum value");
    await("no retry until something changes")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> h.calls("create").size() == 1);
    assertThat(h.get("sales").getMetadata().getAnnotations())
        .doesNotContainKey(OmniConnection.CREATE_PENDING_ANNOTATION);

    h.edit("sales", x -> x.getSpec().baseRole = "VIEWER");
    h.awaitReady("sales");
    assertThat(h.calls("create")).hasSize(2);
    assertThat(h.sim.connections()).hasSize(1);
  }

  @Test
  void aWrongTokenStallsAsPermissionDeniedWithBoundedCalls() {
    h =
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
            .start();
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

  @Test
  void anInvalidSpecStallsBeforeAnyCall() {
    start();
    OmniConnection r = postgres("lake");
    r.getSpec().dialect = dev.gitops.omni.model.Dialect.snowflake;
    r.getSpec().host = "myorg.snowflakecomputing.com";
    r.getSpec().port = null;
    h.apply(r);
    var stalled = h.awaitStalled("lake", "InvalidSpec");
    assertThat(stalled.getMessage()).contains("spec.host").contains("spec.warehouse");
    assertThat(h.sim.totalRequests()).isZero();
  }
}
