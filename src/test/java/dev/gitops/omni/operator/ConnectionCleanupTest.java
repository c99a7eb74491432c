package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What deleting a resource does in Omni, and when its finalizer may go. */
class ConnectionCleanupTest {

  record Row(
      String name,
      DeletionPolicy policy,
      Consumer<OperatorUnits> setup,
      long deletes,
      boolean finalizerMayGo,
      Reason event) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("Delete: archived", DeletionPolicy.Delete, u -> {}, 1, true, Reason.DELETED),
        new Row("Orphan: left in Omni", DeletionPolicy.Orphan, u -> {}, 0, true, Reason.ORPHANED),
        new Row(
            "paused: left in Omni",
            DeletionPolicy.Delete,
            u ->
                u.resource
                    .getMetadata()
                    .setAnnotations(java.util.Map.of(OmniConnection.PAUSED_ANNOTATION, "true")),
            0,
            true,
            Reason.ORPHANED),
        new Row(
            "archive fails (503): the resource stays and it is retried",
            DeletionPolicy.Delete,
            u -> u.omni.failNext(Route.DELETE, OmniFailure.UNAVAILABLE, 503),
            1,
            false,
            Reason.OMNI_UNAVAILABLE));
  }

  @org.junit.jupiter.api.Test
  void aDeletionRightAfterALostCreateWaitsUntilOmniCanShowIt() {
    OperatorUnits units = new OperatorUnits();
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getSpec().deletionPolicy = DeletionPolicy.Delete;
    r.getMetadata().setFinalizers(List.of(OmniConnection.FINALIZER));
    r.getMetadata()
        .setAnnotations(
            java.util.Map.of(
                OmniConnection.CREATE_PENDING_ANNOTATION,
                units.clock.instant().minusSeconds(1).toString()));

    var retry = units.parts.cleanup().cleanup(r, units.io(r));

    assertThat(retry).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(units.omni.calls()).as("not even a list yet").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachDeletion(Row row) {
    OperatorUnits units = new OperatorUnits();
    units.omni.seed(
        new ObservedConnection(
            "c7", "sales", "postgres", "analytics", null, "VIEWER", null, null, null));
    units.resource = OperatorUnits.postgres("sales");
    units.resource.getSpec().deletionPolicy = row.policy();
    units.resource.setStatus(new OmniConnectionStatus());
    units.resource.getStatus().connectionId = "c7";
    units.resource.getMetadata().setFinalizers(List.of(OmniConnection.FINALIZER));
    row.setup().accept(units);

    var retry = units.parts.cleanup().cleanup(units.resource, units.io(units.resource));

    assertThat(units.omni.count(Route.DELETE)).isEqualTo(row.deletes());
    assertThat(retry.isEmpty()).isEqualTo(row.finalizerMayGo());
    retry.ifPresent(d -> assertThat(d).isPositive());
    assertThat(units.events.reasons()).containsExactly(row.event());
    assertThat(units.omni.connections().get("c7").archived())
        .isEqualTo(row.deletes() == 1 && row.finalizerMayGo());
  }

  @ParameterizedTest(name = "paused {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aDeletedEnvironmentsLinkIsRemovedUnlessTheResourceLeavesOmniAlone(boolean paused) {
    OperatorUnits units = new OperatorUnits();
    TestingNeighbours neighbours = new TestingNeighbours();
    neighbours.links.put(
        "e1", new dev.gitops.omni.connection.EnvironmentLink("e1", "base-1", "c7", List.of("dev")));
    units.omni.seed(
        new ObservedConnection(
            "c7", "dev", "postgres", "analytics", null, "VIEWER", null, null, null));
    OmniConnection r = OperatorUnits.postgres("dev");
    r.getSpec().deletionPolicy = DeletionPolicy.Orphan;
    r.setStatus(new OmniConnectionStatus());
    r.getStatus().connectionId = "c7";
    r.getStatus().environmentLink = new dev.gitops.omni.model.EnvironmentLinkStatus();
    r.getStatus().environmentLink.id = "e1";
    if (paused) {
      r.getMetadata().setAnnotations(java.util.Map.of(OmniConnection.PAUSED_ANNOTATION, "true"));
    }
    ReconcileIo plain = units.io(r);
    var io = new ReconcileIo(plain.omni(), plain.writes(), plain.resources(), neighbours);

    assertThat(units.parts.cleanup().cleanup(r, io)).isEmpty();

    assertThat(neighbours.links.keySet())
        .as(paused ? "paused: Omni left alone, link included" : "the orphaned connection unlinked")
        .isEqualTo(paused ? java.util.Set.of("e1") : java.util.Set.of());
  }
}
