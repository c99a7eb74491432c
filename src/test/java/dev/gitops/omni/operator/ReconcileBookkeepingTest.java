package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.operator.RecordingResourceWrites.Kind;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reconcile's bookkeeping on the resource: the finalizer kept in place, a CRD older than the
 * settled mark, the deletion note on an API without DELETE, and drift counted once.
 */
class ReconcileBookkeepingTest {
  private final OperatorUnits units = new OperatorUnits().secret("pg", "password", "pw-1");

  @Test
  void onAnApiWithoutDeleteACreateUnderDeletionPolicyDeleteStillCostsTwoWrites() {
    OperatorUnits unstable =
        new OperatorUnits(new TestingOmniClient().withoutDelete(), OperatorUnits.CONFIG)
            .secret("pg", "password", "pw-1");
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getSpec().deletionPolicy = dev.gitops.omni.model.Policies.DeletionPolicy.Delete;
    unstable.reconcile(r);
    assertThat(unstable.writes.writes()).containsExactly(Kind.METADATA, Kind.STATUS);
    assertThat(unstable.writes.current().getStatus().conditions.get(0).getMessage())
        .contains("cannot archive through the unstable API");
    unstable.pass(Duration.ofMinutes(6));
    unstable.reconcile(unstable.writes.current());
    assertThat(unstable.writes.writes()).isEmpty();
  }

  @Test
  void aFinalizerSomeoneRemovedIsPutBackWithoutAnyOmniWrite() {
    units.reconcile(OperatorUnits.postgres("sales"));
    OmniConnection stripped = units.writes.current();
    stripped.getMetadata().setFinalizers(List.of());
    units.reconcile(stripped);
    assertThat(units.writes.writes()).containsExactly(Kind.METADATA);
    assertThat(units.writes.current().getFinalizers()).containsExactly(OmniConnection.FINALIZER);
    assertThat(units.omni.count(Route.PATCH) + units.omni.count(Route.CREATE)).isOne();
  }

  @Test
  void withThePreviousCrdTheMarkIsRemovedInsteadOfSettledAndNothingIsWrittenAfter() {
    OmniConnection r = OperatorUnits.postgres("sales");
    ReconcileIo io = units.io(r);
    units.writes.withPreviousCrd();
    units.parts.reconcile().run(r, units.credentials(), io);
    assertThat(units.writes.writes()).containsExactly(Kind.METADATA, Kind.STATUS, Kind.METADATA);
    OmniConnection stored = units.writes.current();
    assertThat(stored.getMetadata().getAnnotations())
        .doesNotContainKey(OmniConnection.CREATE_PENDING_ANNOTATION);

    units.pass(Duration.ofMinutes(6));
    ReconcileIo again = units.io(stored);
    units.writes.withPreviousCrd();
    units.parts.reconcile().run(stored, units.credentials(), again);
    assertThat(units.writes.writes()).isEmpty();
    assertThat(units.omni.count(Route.CREATE)).isOne();
  }

  @Test
  void aManagedResourceGetsItsFinalizerBackEvenWhenSomethingStopsItsReconcile() {
    units.reconcile(OperatorUnits.postgres("sales"));
    OmniConnection stripped = units.writes.current();
    stripped.getMetadata().setFinalizers(List.of());
    units.secrets.clear();
    Step step = units.reconcile(stripped);
    assertThat(step.outcome().reason()).isEqualTo(Reason.CREDENTIALS_NOT_FOUND);
    assertThat(units.writes.current().getFinalizers()).containsExactly(OmniConnection.FINALIZER);
  }

  @Test
  void driftIsCountedOnceWhenItAppearsNotOnEveryPoll() {
    units.reconcile(OperatorUnits.postgres("sales"));
    units.omni.seed(
        new dev.gitops.omni.connection.ObservedConnection(
            "c1", "sales", "postgres", "other", null, "VIEWER", null, null, null));
    for (int poll = 0; poll < 3; poll++) {
      units.pass(Duration.ofMinutes(6));
      Step step = units.reconcile(units.writes.current());
      assertThat(step.outcome().reason()).isEqualTo(Reason.DRIFT_DETECTED);
    }
    assertThat(units.metrics.registry().counter("omni_operator_drift_detected").count())
        .isEqualTo(1.0);
  }
}
