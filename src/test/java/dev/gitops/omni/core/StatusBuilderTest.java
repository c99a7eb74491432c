package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Outcome.State;
import dev.gitops.omni.model.StatusCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusBuilderTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

  /** A condition as one comparable line: "Type=Status Reason: message". */
  static String show(StatusCondition c) {
    return c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage();
  }

  static List<String> shown(List<StatusCondition> conditions) {
    return conditions.stream().map(StatusBuilderTest::show).toList();
  }

  static Map<String, StatusCondition> byType(List<StatusCondition> conditions) {
    return conditions.stream().collect(Collectors.toMap(StatusCondition::getType, c -> c));
  }

  /**
   * The README's status table ("Condition reasons"): Ready, Synced, Reconciling, Stalled, in that
   * order, with the reason on all four and the message only where the condition is active (and on
   * Ready and Synced, which always explain themselves).
   */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            Outcome.ready(Reason.AVAILABLE, "connection c1 matches the spec"),
            List.of(
                "Ready=True Available: connection c1 matches the spec",
                "Synced=True Available: connection c1 matches the spec",
                "Reconciling=False Available: ",
                "Stalled=False Available: ")),
        Arguments.of(
            Outcome.inProgress(Reason.CREATING, "create connection 'sales'"),
            List.of(
                "Ready=False Creating: create connection 'sales'",
                "Synced=False Creating: create connection 'sales'",
                "Reconciling=True Creating: create connection 'sales'",
                "Stalled=False Creating: ")),
        Arguments.of(
            Outcome.retrying(Reason.RATE_LIMITED, "Omni answered 429, retrying in 30s"),
            List.of(
                "Ready=False RateLimited: Omni answered 429, retrying in 30s",
                "Synced=False RateLimited: Omni answered 429, retrying in 30s",
                "Reconciling=True RateLimited: Omni answered 429, retrying in 30s",
                "Stalled=False RateLimited: ")),
        Arguments.of(
            Outcome.retrying(Reason.OMNI_UNAVAILABLE, "Omni answered 503"),
            List.of(
                "Ready=False OmniUnavailable: Omni answered 503",
                "Synced=False OmniUnavailable: Omni answered 503",
                "Reconciling=True OmniUnavailable: Omni answered 503",
                "Stalled=False OmniUnavailable: ")),
        Arguments.of(
            Outcome.stalled(Reason.INVALID_SPEC, "spec.port must be 1-65535"),
            List.of(
                "Ready=False InvalidSpec: spec.port must be 1-65535",
                "Synced=False InvalidSpec: spec.port must be 1-65535",
                "Reconciling=False InvalidSpec: ",
                "Stalled=True InvalidSpec: spec.port must be 1-65535")),
        Arguments.of(
            Outcome.stalled(Reason.DRIFT_DETECTED, "database is 'x' in Omni"),
            List.of(
                "Ready=False DriftDetected: database is 'x' in Omni",
                "Synced=False DriftDetected: database is 'x' in Omni",
                "Reconciling=False DriftDetected: ",
                "Stalled=True DriftDetected: database is 'x' in Omni")),
        // paused before any verdict: Ready is Unknown
        Arguments.of(
            Outcome.paused("paused by annotation: would create connection 'sales'"),
            List.of(
                "Ready=Unknown Paused: paused by annotation: would create connection 'sales'",
                "Synced=False Paused: paused by annotation: would create connection 'sales'",
                "Reconciling=False Paused: ",
                "Stalled=False Paused: ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void mapsEachOutcome(Outcome o, List<String> expected) {
    var c = StatusBuilder.conditions(List.of(), 3, o, T0);
    assertThat(shown(c)).containsExactlyElementsOf(expected);
    assertThat(c).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(3L));
    assertThat(c).allSatisfy(x -> assertThat(x.getLastTransitionTime()).isEqualTo(T0.toString()));
  }

  @Test
  void theTableCoversEveryState() {
    assertThat(table().map(a -> ((Outcome) a.get()[0]).state()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(State.values());
  }

  /** Each state again, with a new message a little later: no status changes, no time moves. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void keepsTransitionTimeWhileStatusIsUnchanged(Outcome o, List<String> ignored) {
    var first = StatusBuilder.conditions(List.of(), 1, o, T0);
    var again =
        StatusBuilder.conditions(
            first, 2, new Outcome(o.state(), o.reason(), o.message() + " (again)"), T1);
    assertThat(again)
        .extracting(StatusCondition::getStatus)
        .containsExactlyElementsOf(first.stream().map(StatusCondition::getStatus).toList());
    assertThat(again)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString()))
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
    assertThat(byType(again).get("Synced").getMessage()).endsWith(" (again)");
  }

  @Test
  void movesTransitionTimeOnlyOnTheConditionsWhoseStatusChanged() {
    var ready = StatusBuilder.conditions(List.of(), 1, Outcome.ready(Reason.AVAILABLE, "a"), T0);
    var stalled =
        byType(StatusBuilder.conditions(ready, 2, Outcome.stalled(Reason.OMNI_REJECTED, "no"), T1));
    // Ready True→False, Synced True→False, Stalled False→True; Reconciling stays False
    assertThat(stalled.get("Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(stalled.get("Synced").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(stalled.get("Stalled").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(stalled.get("Reconciling").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void transitionTimeIsWholeSeconds() {
    var c =
        StatusBuilder.conditions(
            List.of(), 1, Outcome.ready(Reason.AVAILABLE, "a"), T0.plusMillis(1500));
    assertThat(c)
        .allSatisfy(x -> assertThat(x.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:01Z"));
  }

  @Test
  void unchangedOutcomeGivesEqualConditionsSoNoStatusWrite() {
    var first = StatusBuilder.conditions(List.of(), 1, Outcome.ready(Reason.AVAILABLE, "a"), T0);
    var again = StatusBuilder.conditions(first, 1, Outcome.ready(Reason.AVAILABLE, "a"), T1);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void pausedKeepsTheLastReadyVerdict() {
    var ready = StatusBuilder.conditions(List.of(), 1, Outcome.ready(Reason.AVAILABLE, "fine"), T0);
    var paused = StatusBuilder.conditions(ready, 1, Outcome.paused("paused by annotation"), T1);
    assertThat(shown(paused))
        .containsExactly(
            "Ready=True Available: fine",
            "Synced=False Paused: paused by annotation",
            "Reconciling=False Paused: ",
            "Stalled=False Paused: ");
    var byType = byType(paused);
    assertThat(byType.get("Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(byType.get("Synced").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(byType.get("Stalled").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void pausedKeepsTheLastStalledVerdictOnReady() {
    var stalled =
        StatusBuilder.conditions(
            List.of(), 1, Outcome.stalled(Reason.CONFLICT, "taken by team/a"), T0);
    var paused = StatusBuilder.conditions(stalled, 1, Outcome.paused("paused by annotation"), T1);
    assertThat(shown(paused))
        .containsExactly(
            "Ready=False Conflict: taken by team/a",
            "Synced=False Paused: paused by annotation",
            "Reconciling=False Paused: ",
            "Stalled=False Paused: ");
    var byType = byType(paused);
    assertThat(byType.get("Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(byType.get("Stalled").getLastTransitionTime()).isEqualTo(T1.toString());
  }
}
