package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Archiving a deleted resource's connection, and retiring a replaced one. */
class ConnectionArchiverTest {
  static final ObservedConnection OLD =
      new ObservedConnection(
          "c9", "sales", "postgres", "analytics", null, "VIEWER", null, null, null);

  record Row(
      String name,
      Consumer<TestingOmniClient> omni,
      long deletes,
      Reason event,
      Class<? extends Throwable> thrown) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> archiveRows() {
    return Stream.of(
        new Row("v1: DELETE, then Deleted", o -> {}, 1, Reason.DELETED, null),
        new Row(
            "already gone (404) counts as archived",
            o -> o.failNext(Route.DELETE, OmniFailure.NOT_FOUND, 404),
            1,
            Reason.DELETED,
            null),
        new Row(
            "unstable API: no DELETE, a warning",
            TestingOmniClient::withoutDelete,
            0,
            Reason.ORPHANED,
            null),
        new Row(
            "503: passed on, to be retried",
            o -> o.failNext(Route.DELETE, OmniFailure.UNAVAILABLE, 503),
            1,
            null,
            OmniApiException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archiveRows")
  void archive(Row row) {
    OperatorUnits units = new OperatorUnits();
    units.omni.seed(OLD);
    row.omni().accept(units.omni);
    var archiver = new ConnectionArchiver(units.parts.cache(), units.events, units.clock);

    Throwable t =
        catchThrowable(() -> archiver.archive(OperatorUnits.postgres("sales"), "c9", units.omni));

    assertThat(units.omni.count(Route.DELETE)).isEqualTo(row.deletes());
    assertThat(t == null ? null : t.getClass()).isEqualTo(row.thrown());
    assertThat(units.events.reasons())
        .isEqualTo(row.event() == null ? List.of() : List.of(row.event()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.gitops.omni.operator.ConnectionArchiverTest#retireRows")
  void retireReplaced(
      String name, DeletionPolicy policy, boolean unstable, String says, boolean forgotten) {
    OperatorUnits units = new OperatorUnits();
    units.omni.seed(OLD);
    if (unstable) {
      units.omni.withoutDelete();
    }
    var archiver = new ConnectionArchiver(units.parts.cache(), units.events, units.clock);
    OmniConnectionStatus status = new OmniConnectionStatus();
    status.replacedConnectionId = "c9";

    String words =
        archiver.retireReplaced(OperatorUnits.postgres("sales"), "c9", status, policy, units.omni);

    assertThat(words).contains(says);
    assertThat(status.replacedConnectionId).isEqualTo(forgotten ? null : "c9");
    assertThat(units.omni.connections().get("c9").archived()).isEqualTo(forgotten);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> retireRows() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "Delete: archived", DeletionPolicy.Delete, false, "was archived", true),
        org.junit.jupiter.params.provider.Arguments.of(
            "Orphan: left in Omni", DeletionPolicy.Orphan, false, "deletionPolicy Orphan", false),
        org.junit.jupiter.params.provider.Arguments.of(
            "unstable API: left in Omni", DeletionPolicy.Delete, true, "cannot archive", false));
  }
}
