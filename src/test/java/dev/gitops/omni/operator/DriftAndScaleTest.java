package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.Requests;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drift found by the poller, deletion, read-only modes, and the cost of steady state. */
class DriftAndScaleTest {
  static final Duration POLL = Duration.ofMillis(700);
  Harness h;

  Harness start(String prefix) {
    h =
        new Harness(
                SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build(),
                c -> c.withPollInterval(POLL).withApiPrefix(prefix))
            .start();
    h.secret("pg", "password", "pw-1");
    return h;
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void deletionPolicyDeleteOnTheUnstableApiIsSaidInTheReadyCondition() {
    start("unstable");
    var doomed = postgres("doomed");
    doomed.getSpec().deletionPolicy = dev.gitops.omni.model.Policies.DeletionPolicy.Delete;
    h.apply(doomed);
    h.apply(postgres("kept"));

    String message =
        h.awaitReady("doomed").getStatus().conditions.stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElseThrow()
            .getMessage();
    assertThat(message)
        .contains("deletionPolicy Delete cannot archive through the unstable API")
        .contains("use --api-prefix v1");
    assertThat(h.awaitReady("kept").getStatus().conditions)
        .allSatisfy(c -> assertThat(c.getMessage()).doesNotContain("cannot archive"));
  }

  @Test
  void omniIsPolledOnlyOnceThisReplicaReconciles() {
    // a standby never reconciles; its poller must not list Omni (the e2e suite's two replicas on
    // a real API server found every standby polling outside the leader's budget)
    start("v1");
    await("no poll before the first reconcile")
        .during(POLL.multipliedBy(4))
        .atMost(POLL.multipliedBy(6))
        .until(() -> h.sim.count("list") == 0);

    h.apply(postgres("sales"));
    h.awaitReady("sales");
    long afterReady = h.sim.count("list");
    await("the poller lists Omni every interval once active")
        .atMost(POLL.multipliedBy(8))
        .until(() -> h.sim.count("list") >= afterReady + 2);
  }

  @Test
  void aConnectionArchivedInOmniIsCreatedAgainAtTheNextPoll() {
    start("v1");
    h.apply(postgres("sales"));
    String first = h.awaitReady("sales").getStatus().connectionId;
    h.sim.archive(first);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.is("sales", "Ready", "True")
                    && !first.equals(h.get("sales").getStatus().connectionId));
    assertThat(h.calls("create")).hasSize(2);
    String second = h.get("sales").getStatus().connectionId;
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.events("sales").stream().anyMatch(e -> e.getMessage().contains(second)));
    assertThat(h.events("sales"))
        .anyMatch(
            e ->
                "Created".equals(e.getReason())
                    && e.getMessage().contains(h.get("sales").getStatus().connectionId));
  }

  @Test
  void aBaseRoleChangedInOmniIsPatchedBackAtTheNextPoll() {
    start("v1");
    h.apply(postgres("sales"));
    String id = h.awaitReady("sales").getStatus().connectionId;
    h.omniClient.patch(id, Requests.patch("MODELER", false, null, null, null));
    h.sim.clearJournal();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "VIEWER".equals(h.sim.connection(id).orElseThrow().baseRole()));
    assertThat(h.calls("patch")).hasSize(1);
    assertThat(h.calls("patch").get(0).bodyKeys()).containsExactly("baseRole");
  }

  @Test
  void thePollIntervalAnnotationShortensDriftDetectionForThatResource() {
    h =
        new Harness(
                SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build(),
                c -> c.withPollInterval(Duration.ofMinutes(5)))
            .start();
    h.secret("pg", "password", "pw-1");
    OmniConnection r = postgres("sales");
    r.getMetadata().setAnnotations(Map.of(OmniConnection.POLL_INTERVAL_ANNOTATION, "500ms"));
    h.apply(r);
    String id = h.awaitReady("sales").getStatus().connectionId;
    h.omniClient.patch(id, Requests.patch("MODELER", false, null, null, null));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "VIEWER".equals(h.sim.connection(id).orElseThrow().baseRole()));
  }

  @Test
  void deletionPolicyDeleteArchivesAndOrphanLeavesTheConnection() {
    start("v1");
    OmniConnection doomed = postgres("doomed");
    doomed.getSpec().deletionPolicy = DeletionPolicy.Delete;
    h.apply(doomed);
    h.apply(postgres("kept"));
    String doomedId = h.awaitReady("doomed").getStatus().connectionId;
    String keptId = h.awaitReady("kept").getStatus().connectionId;

    h.delete("doomed");
    h.delete("kept");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.get("doomed") == null && h.get("kept") == null);
    assertThat(h.sim.connection(doomedId).orElseThrow().archived()).isTrue();
    assertThat(h.sim.connection(keptId).orElseThrow().archived()).isFalse();
    assertThat(h.calls("delete")).hasSize(1);
  }

  @Test
  void onTheUnstableApiDeleteOrphansAndSaysWhy() {
    start("unstable");
    OmniConnection doomed = postgres("doomed");
    doomed.getSpec().deletionPolicy = DeletionPolicy.Delete;
    h.apply(doomed);
    String id = h.awaitReady("doomed").getStatus().connectionId;
    h.delete("doomed");
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("doomed") == null);
    assertThat(h.sim.connection(id).orElseThrow().archived()).isFalse();
    assertThat(h.calls("delete")).isEmpty();
    assertThat(h.events("doomed"))
        .anyMatch(e -> "Orphaned".equals(e.getReason()) && e.getMessage().contains("unstable"));
  }

  @Test
  void observeOnlyAndPausedNeverWrite() {
    start("v1");
    String id =
        h.sim.seed(
            Map.of(
                "dialect",
                "postgres",
                "name",
                "watched",
                "database",
                "analytics",
                "passwordUnencrypted",
                "x",
                "baseRole",
                "MODELER"));
    OmniConnection watched = postgres("watched");
    watched.getSpec().managementPolicy = ManagementPolicy.ObserveOnly;
    h.apply(watched);
    OmniConnection paused = postgres("paused");
    paused.getMetadata().setAnnotations(Map.of(OmniConnection.PAUSED_ANNOTATION, "true"));
    paused.getSpec().deletionPolicy = DeletionPolicy.Delete;
    h.apply(paused);

    var drift = h.awaitStalled("watched", "DriftDetected");
    assertThat(drift.getMessage()).contains("ObserveOnly").contains("baseRole");
    assertThat(h.get("watched").getStatus().connectionId).isEqualTo(id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.condition("paused", "Synced")
                    .map(c -> "Paused".equals(c.getReason()))
                    .orElse(false));
    assertThat(h.condition("paused", "Synced").orElseThrow().getMessage()).contains("would create");
    h.delete("paused");
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("paused") == null);
    assertThat(h.writes()).as("no create, patch or delete").isZero();

    h.edit("watched", r -> r.getSpec().baseRole = "MODELER");
    h.awaitReady("watched");
    assertThat(h.condition("watched", "Ready").orElseThrow().getReason()).isEqualTo("ObserveOnly");
    assertThat(h.writes()).isZero();
  }

  @Test
  void steadyStateCostsOneListCallPerPollIntervalFor100Resources() {
    start("v1");
    IntStream.range(0, 100).forEach(i -> h.apply(postgres("conn-" + i)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> IntStream.range(0, 100).allMatch(i -> h.is("conn-" + i, "Ready", "True")));
    assertThat(h.sim.connections()).hasSize(100);
    assertThat(h.calls("create")).hasSize(100);

    long listsWhenReady = h.sim.count("list");
    await("a poll after the last create: the poller is in its steady cycle")
        .atMost(POLL.multipliedBy(4))
        .until(() -> h.sim.count("list") > listsWhenReady);
    h.sim.clearJournal();
    long started = System.nanoTime();
    await("nothing but list calls in steady state")
        .during(POLL.multipliedBy(5))
        .atMost(POLL.multipliedBy(7))
        .until(() -> h.sim.journal().stream().allMatch(j -> "list".equals(j.route())));
    double intervals = (System.nanoTime() - started) / 1e6 / POLL.toMillis();
    long lists = h.calls("list").size();
    assertThat((double) lists)
        .as("list calls over %.1f poll intervals", intervals)
        .isBetween(intervals - 1.5, intervals + 1.0);
  }
}
