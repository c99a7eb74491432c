package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What stops a reconcile before it plans, none of it calling Omni. */
class PreconditionsTest {

  /**
   * @param setup changes to the resource and its world
   * @param reason the reason it stops with, or null: it goes on
   * @param requeue whether it comes back on a timer
   */
  record Row(String name, Consumer<OperatorUnits> setup, Reason reason, boolean requeue) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("all fine: go on", u -> {}, null, false),
        new Row("invalid spec", u -> u.resource.getSpec().port = 70000, Reason.INVALID_SPEC, false),
        new Row("Secret missing", u -> u.secrets.clear(), Reason.CREDENTIALS_NOT_FOUND, false),
        new Row(
            "Secret empty", u -> u.secret("pg", "password", ""), Reason.INVALID_CREDENTIALS, false),
        new Row(
            "Omni rejected these inputs before (memory)",
            u ->
                u.parts
                    .rejections()
                    .remember(
                        "team/sales",
                        RejectionMemory.fingerprint(u.resource, versions(u)),
                        Outcome.stalled(Reason.OMNI_REJECTED, "bad host")),
            Reason.OMNI_REJECTED,
            false),
        new Row(
            "Omni rejected these inputs before (status, after a restart)",
            u -> {
              u.resource.getStatus().failedInputs =
                  RejectionMemory.fingerprint(u.resource, versions(u));
            },
            Reason.OMNI_REJECTED,
            false),
        new Row(
            "another resource wants the same name and sorts first",
            u -> {
              OmniConnection rival = OperatorUnits.postgres("aaa");
              rival.getSpec().name = "sales";
              u.others.add(rival);
            },
            Reason.CONFLICT,
            true),
        new Row(
            "a lost create is still settling",
            u ->
                u.resource
                    .getMetadata()
                    .setAnnotations(
                        Map.of(
                            OmniConnection.CREATE_PENDING_ANNOTATION,
                            u.clock.instant().minusSeconds(1).toString())),
            Reason.CREATE_PENDING,
            true));
  }

  private static Map<String, String> versions(OperatorUnits u) {
    return u.credentials().resolve(u.resource).versions();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachPrecondition(Row row) {
    OperatorUnits units = new OperatorUnits().secret("pg", "password", "pw-1");
    units.resource = OperatorUnits.postgres("sales");
    units.resource.setStatus(new OmniConnectionStatus());
    row.setup().accept(units);
    var inputs = new PlanInputCollector(units.config, units.parts.cache(), units.clock);
    var preconditions = new Preconditions(inputs, units.parts.rejections(), units.events);
    OmniConnectionStatus status = StatusFields.copyOf(units.resource.getStatus());

    var gate = preconditions.check(units.resource, status, units.credentials(), units.index());

    assertThat(units.omni.calls()).isEmpty();
    if (row.reason() == null) {
      assertThat(gate.stopped()).isFalse();
      assertThat(gate.creds().ok()).isTrue();
      return;
    }
    assertThat(gate.stopped()).isTrue();
    assertThat(gate.stop().outcome().reason()).isEqualTo(row.reason());
    if (row.requeue()) {
      assertThat(gate.stop().requeue()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    } else {
      assertThat(gate.stop().requeue()).isNull();
    }
  }
}
