package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.RecordingResourceWrites.Kind;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The create protocol, one row per way Omni can answer a POST. */
class CreateProtocolTest {

  /**
   * @param omni how Omni answers
   * @param writes the Kubernetes writes made, in order
   * @param markLeft whether an unsettled create-pending mark is left (a POST may be stored)
   * @param stored connections Omni holds afterwards
   * @param failure the failure the protocol passes on, or null
   */
  record Row(
      String name,
      Consumer<OperatorUnits> omni,
      List<Kind> writes,
      boolean markLeft,
      int stored,
      OmniFailure failure) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "answered: mark with finalizer, then status",
            u -> {},
            List.of(Kind.METADATA, Kind.STATUS),
            false,
            1,
            null),
        new Row(
            "refused (400): the mark is cleared, nothing to look for",
            u -> u.omni.failNext(Route.CREATE, OmniFailure.INVALID_REQUEST, 400),
            List.of(Kind.METADATA, Kind.METADATA),
            false,
            0,
            OmniFailure.INVALID_REQUEST),
        new Row(
            "rate limited (429): refused, the mark is cleared",
            u -> u.omni.failNext(Route.CREATE, OmniFailure.RATE_LIMITED, 429),
            List.of(Kind.METADATA, Kind.METADATA),
            false,
            0,
            OmniFailure.RATE_LIMITED),
        new Row(
            "answer lost after Omni stored it: the mark is restamped",
            u -> u.omni.loseNextCreateAnswer(),
            List.of(Kind.METADATA, Kind.METADATA),
            true,
            1,
            OmniFailure.UNAVAILABLE),
        new Row(
            "502 with the connection maybe stored: the mark stays",
            u -> u.omni.failNext(Route.CREATE, OmniFailure.UNAVAILABLE, 502),
            List.of(Kind.METADATA, Kind.METADATA),
            true,
            0,
            OmniFailure.UNAVAILABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachAnswer(Row row) {
    OperatorUnits units = new OperatorUnits().secret("pg", "password", "pw-1");
    row.omni().accept(units);
    OmniConnection r = OperatorUnits.postgres("sales");
    Plan plan = Plans.of(units, r);
    ReconcileIo io = units.io(r);
    var creds = units.credentials().resolve(r);
    CreateProtocol protocol =
        new CreateProtocol(
            units.parts.cache(),
            new ConnectionArchiver(units.parts.cache(), units.events, units.clock),
            units.events,
            units.clock);

    Throwable thrown =
        catchThrowable(
            () ->
                protocol.create(
                    r, plan, creds, new OmniConnectionStatus(), DeletionPolicy.Orphan, io));

    assertThat(units.writes.writes()).isEqualTo(row.writes());
    assertThat(units.writes.current().unsettledCreateMark() != null).isEqualTo(row.markLeft());
    assertThat(units.omni.live()).hasSize(row.stored());
    assertThat(units.omni.count(Route.CREATE)).isOne();
    if (row.failure() == null) {
      assertThat(thrown).isNull();
      assertThat(units.writes.current().getStatus().connectionId).isEqualTo("c1");
      assertThat(units.writes.current().getFinalizers()).containsExactly(OmniConnection.FINALIZER);
      assertThat(units.events.reasons()).containsExactly(Reason.CREATED);
    } else {
      assertThat(thrown).isInstanceOf(OmniApiException.class);
      assertThat(((OmniApiException) thrown).kind()).isEqualTo(row.failure());
      assertThat(units.events.all()).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void aSpentBudgetWritesNothingAndSendsNothing() {
    OperatorUnits units =
        new OperatorUnits(new TestingOmniClient(), OperatorUnits.CONFIG.withRequestsPerMinute(1))
            .secret("pg", "password", "pw-1");
    OmniConnection r = OperatorUnits.postgres("sales");
    Step step = units.reconcile(r);
    assertThat(step.outcome().reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(step.requeue()).isGreaterThan(Duration.ZERO);
    assertThat(units.omni.count(Route.CREATE)).isZero();
    assertThat(units.writes.writes())
        .as("only the RateLimited status")
        .containsExactly(Kind.STATUS);
    assertThat(units.writes.current().getMetadata().getAnnotations()).isNullOrEmpty();
  }
}
