package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Outcome.State;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.operator.RecordingResourceWrites.Kind;
import dev.gitops.omni.operator.TestingOmniClient.Route;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Carrying out plans that found their connection: nothing, a PATCH, an adoption. */
class ConnectionUpdaterTest {
  static final ObservedConnection LIVE =
      new ObservedConnection(
          "c7", "sales", "postgres", "analytics", null, "VIEWER", null, null, null);

  /**
   * @param managed whether the resource already manages c7 (status and finalizer)
   * @param edit what differs in the spec, the Secret or Omni
   * @param patched the fields the PATCH sent (empty: no PATCH)
   * @param writes the Kubernetes writes the updater made itself (the status is written later)
   */
  record Row(
      String name,
      boolean managed,
      Consumer<OperatorUnits> edit,
      Plan.Action action,
      List<String> patched,
      List<Reason> events,
      List<Kind> writes,
      State state) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "matches: nothing sent",
            true,
            u -> {},
            Plan.Action.NOTHING,
            List.of(),
            List.of(),
            List.of(),
            State.READY),
        new Row(
            "baseRole edited: PATCH of baseRole only",
            true,
            u -> u.resource.getSpec().baseRole = "QUERIER",
            Plan.Action.PATCH,
            List.of("baseRole"),
            List.of(Reason.UPDATED),
            List.of(),
            State.READY),
        new Row(
            "Secret rotated: PATCH of the password, its value attached",
            true,
            u -> u.secret("pg", "password", "pw-2"),
            Plan.Action.PATCH,
            List.of("passwordUnencrypted"),
            List.of(Reason.CREDENTIALS_ROTATED),
            List.of(),
            State.READY),
        new Row(
            "found by name: adopted, the finalizer first",
            false,
            u -> {},
            Plan.Action.ADOPT,
            List.of("passwordUnencrypted"),
            List.of(Reason.ADOPTED),
            List.of(Kind.METADATA),
            State.READY),
        new Row(
            "database drifted in Omni: Stalled, nothing sent",
            true,
            u ->
                u.omni.seed(
                    new ObservedConnection(
                        "c7", "sales", "postgres", "other", null, "VIEWER", null, null, null)),
            Plan.Action.NOTHING,
            List.of(),
            List.of(Reason.DRIFT_DETECTED),
            List.of(),
            State.STALLED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachPlan(Row row) {
    OperatorUnits units = new OperatorUnits().secret("pg", "password", "pw-1");
    units.omni.seed(LIVE);
    OmniConnection r = OperatorUnits.postgres("sales");
    if (row.managed()) {
      r = managed(units, r);
    }
    units.resource = r;
    row.edit().accept(units);
    // the poller's next list shows what changed in Omni
    units.pass(java.time.Duration.ofSeconds(1));
    units.parts.cache().refreshIfStartedBefore(units.clock.instant().minusMillis(1), units.omni);
    Plan plan = Plans.of(units, r);
    assertThat(plan.action()).isEqualTo(row.action());
    ReconcileIo io = units.io(r);
    var updater = new ConnectionUpdater(units.parts.cache(), units.events, units.clock);

    Step step =
        updater.apply(r, plan, units.credentials().resolve(r), new OmniConnectionStatus(), io);

    var patches = units.omni.calls().stream().filter(c -> c.route() == Route.PATCH).toList();
    if (row.patched().isEmpty()) {
      assertThat(patches).isEmpty();
    } else {
      assertThat(patches).hasSize(1);
      assertThat(patches.get(0).patch().fieldNames()).isEqualTo(row.patched());
      patches
          .get(0)
          .patch()
          .rotated()
          .forEach(f -> assertThat(patches.get(0).patch().secrets()).containsKey(f));
    }
    assertThat(units.events.reasons()).isEqualTo(row.events());
    assertThat(units.writes.writes()).isEqualTo(row.writes());
    assertThat(step.outcome().state()).isEqualTo(row.state());
    assertThat(step.status().connectionId).isEqualTo("c7");
  }

  /** The resource as it is once it manages c7 with the current spec and Secret. */
  static OmniConnection managed(OperatorUnits units, OmniConnection r) {
    OmniConnection first = Json.copy(r, OmniConnection.class);
    first.getSpec().connectionId = "c7";
    Plan adopt = Plans.of(units, first);
    var creds = units.credentials().resolve(first);
    OmniConnectionStatus status = new OmniConnectionStatus();
    status.connectionId = "c7";
    status.appliedSettings = new java.util.TreeMap<>(adopt.appliedSettings());
    status.credentialsVersion = new java.util.TreeMap<>(creds.versions());
    OmniConnection m = Json.copy(r, OmniConnection.class);
    m.setStatus(status);
    m.getMetadata().setFinalizers(List.of(OmniConnection.FINALIZER));
    m.getMetadata().setAnnotations(Map.of());
    return m;
  }
}
