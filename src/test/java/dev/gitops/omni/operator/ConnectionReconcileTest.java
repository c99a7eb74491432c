package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.operator.RecordingResourceWrites.Kind;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A whole reconcile over the in-memory Omni: the Kubernetes writes a create costs, and that no way
 * of losing a create's answer (lost answer, crash before the status, restart) makes a second one.
 */
class ConnectionReconcileTest {
  private final OperatorUnits units = new OperatorUnits().secret("pg", "password", "pw-1");

  @Test
  void aCreateCostsTwoWritesAndTheNextPollNone() {
    Step created = units.reconcile(OperatorUnits.postgres("sales"));

    assertThat(units.writes.writes()).containsExactly(Kind.METADATA, Kind.STATUS);
    assertThat(units.omni.count(Route.CREATE)).isOne();
    OmniConnection stored = units.writes.current();
    assertThat(stored.getFinalizers()).containsExactly(OmniConnection.FINALIZER);
    assertThat(stored.getStatus().connectionId).isEqualTo("c1");
    assertThat(stored.unsettledCreateMark()).as("the status settled the mark").isNull();
    assertThat(created.outcome().state()).isEqualTo(Outcome.State.READY);
    assertThat(units.events.reasons()).containsExactly(Reason.CREATED);

    units.pass(Duration.ofMinutes(6));
    Step poll = units.reconcile(stored);
    assertThat(units.writes.writes()).as("nothing changed, nothing written").isEmpty();
    assertThat(poll.outcome().message()).isEqualTo(created.outcome().message());
    assertThat(units.omni.count(Route.CREATE)).isOne();
  }

  @Test
  void aLostAnswerIsAdoptedOnceTheListShowsItNeverCreatedAgain() {
    units.omni.loseNextCreateAnswer();
    Step lost = units.reconcile(OperatorUnits.postgres("sales"));
    assertThat(lost.outcome().state()).isEqualTo(Outcome.State.RETRYING);
    assertThat(units.writes.writes())
        .as("the mark, then the mark restamped after the answer was lost")
        .containsExactly(Kind.METADATA, Kind.METADATA, Kind.STATUS);
    OmniConnection marked = units.writes.current();

    Step settling = units.reconcile(marked);
    assertThat(settling.outcome().reason()).isEqualTo(Reason.CREATE_PENDING);
    assertThat(settling.requeue()).isPositive();

    units.pass(Duration.ofSeconds(6));
    Step adopted = units.reconcile(units.writes.current());
    assertThat(units.omni.count(Route.CREATE)).as("never a second POST").isOne();
    assertThat(adopted.outcome().state()).isEqualTo(Outcome.State.READY);
    OmniConnection stored = units.writes.current();
    assertThat(stored.getStatus().connectionId).isEqualTo("c1");
    assertThat(stored.unsettledCreateMark()).isNull();
  }

  @Test
  void aCrashBetweenThePostAndTheStatusIsAdoptedAfterARestart() {
    units.writes = null;
    OmniConnection r = OperatorUnits.postgres("sales");
    ReconcileIo io = units.io(r);
    units.writes.failNextStatusWrite(new KubernetesClientException("connection reset"));
    assertThatThrownBy(() -> units.parts.reconcile().run(r, units.credentials(), io))
        .isInstanceOf(KubernetesClientException.class);
    OmniConnection afterCrash = units.writes.current();
    assertThat(afterCrash.unsettledCreateMark()).isNotNull();
    assertThat(units.omni.live()).hasSize(1);

    OperatorUnits restarted =
        new OperatorUnits(units.omni, OperatorUnits.CONFIG).secret("pg", "password", "pw-1");
    restarted.clock.now = units.clock.now;
    Step waiting = restarted.reconcile(afterCrash);
    assertThat(waiting.outcome().reason()).isEqualTo(Reason.CREATE_PENDING);
    restarted.pass(Duration.ofSeconds(6));
    restarted.reconcile(restarted.writes.current());

    assertThat(units.omni.count(Route.CREATE)).isOne();
    assertThat(restarted.writes.current().getStatus().connectionId).isEqualTo("c1");
    assertThat(restarted.writes.current().unsettledCreateMark()).isNull();
  }

  @Test
  void twoNewResourcesWithOneNameNeverBothPostEvenBeforeTheySeeEachOther() throws Exception {
    // neither is in the other's index yet (an informer lags): only the operator's own ordering
    // keeps them from posting at the same moment
    CountDownLatch bothPosting = new CountDownLatch(2);
    units.omni.beforeCreate(
        () -> {
          bothPosting.countDown();
          try {
            bothPosting.await(500, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Step>> runs = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        OmniConnection r = OperatorUnits.postgres(name);
        r.getSpec().name = "shared";
        ReconcileIo io =
            new ReconcileIo(
                units.parts.omni().chargedTo("team/" + name),
                new RecordingResourceWrites(r),
                units.index(),
                null);
        runs.add(pool.submit(() -> units.parts.reconcile().run(r, units.credentials(), io)));
      }
      for (Future<Step> run : runs) {
        assertThat(run.get(10, TimeUnit.SECONDS).outcome().state()).isEqualTo(Outcome.State.READY);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(units.omni.count(Route.CREATE)).as("one POST").isOne();
    assertThat(units.omni.live()).hasSize(1);
  }

  @Test
  void aConnectionJustCreatedForAnotherResourceIsNotAdoptedWhileItsStatusLags() {
    OmniConnection b = OperatorUnits.postgres("b");
    b.getSpec().name = "shared";
    units.reconcile(b);
    // the informer still shows b as applied, without the status that names its connection
    units.others.add(b);
    OmniConnection a = OperatorUnits.postgres("a");
    a.getSpec().name = "shared";

    Step step = units.reconcile(a);

    assertThat(step.outcome().reason()).isEqualTo(Reason.CONFLICT);
    assertThat(step.outcome().message()).contains("team/b");
    assertThat(units.omni.count(Route.CREATE)).isOne();
    assertThat(units.omni.count(Route.PATCH)).as("not adopted").isZero();

    // once b no longer wants the name, the connection is free for a
    b.getSpec().name = "renamed";
    units.reconcile(a);
    assertThat(units.writes.current().getStatus().connectionId).isEqualTo("c1");
  }

  @Test
  void aRefusedCreateClearsTheMarkAndIsNotSentAgainForTheSameInputs() {
    units.omni.failNext(Route.CREATE, dev.gitops.omni.connection.OmniFailure.INVALID_REQUEST, 400);
    Step refused = units.reconcile(OperatorUnits.postgres("sales"));
    assertThat(refused.outcome().reason()).isEqualTo(Reason.OMNI_REJECTED);
    assertThat(units.writes.current().unsettledCreateMark()).isNull();

    units.reconcile(units.writes.current());
    assertThat(units.omni.count(Route.CREATE)).as("the same inputs are not sent again").isOne();
    assertThat(units.omni.live()).isEmpty();
  }

  @Test
  void anInvalidSpecCallsNothingAndWritesOnlyItsStatus() {
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getSpec().port = 0;
    Step step = units.reconcile(r);
    assertThat(step.outcome().reason()).isEqualTo(Reason.INVALID_SPEC);
    assertThat(units.omni.calls()).isEmpty();
    assertThat(units.writes.writes()).containsExactly(Kind.STATUS);
    assertThat(units.writes.current().getFinalizers()).isEmpty();
  }

  @Test
  void aPausedResourceIsPlannedButNothingIsSent() {
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getMetadata().setAnnotations(java.util.Map.of(OmniConnection.PAUSED_ANNOTATION, "true"));
    Step step = units.reconcile(r);
    assertThat(step.outcome().state()).isEqualTo(Outcome.State.PAUSED);
    assertThat(step.outcome().message()).contains("would create connection 'sales'");
    assertThat(units.omni.calls())
        .extracting(TestingOmniClient.Call::route)
        .containsOnly(Route.LIST);
  }

  @Test
  void anEditedBaseRoleIsPatchedWithOnlyThatField() {
    units.reconcile(OperatorUnits.postgres("sales"));
    OmniConnection edited = units.writes.current();
    edited.getSpec().baseRole = "QUERIER";
    edited.getMetadata().setGeneration(2L);
    units.pass(Duration.ofMinutes(6));
    units.reconcile(edited);
    List<TestingOmniClient.Call> patches =
        units.omni.calls().stream().filter(c -> c.route() == Route.PATCH).toList();
    assertThat(patches).hasSize(1);
    assertThat(patches.get(0).patch().fieldNames()).containsExactly("baseRole");
    assertThat(units.omni.connections().get("c1").baseRole()).isEqualTo("QUERIER");
    assertThat(units.writes.writes()).containsExactly(Kind.STATUS);
  }
}
