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

  static Map<String, String> statuses(List<StatusCondition> c) {
    return c.stream()
        .collect(Collectors.toMap(StatusCondition::getType, StatusCondition::getStatus));
  }

  /** The README's status table ("Condition reasons"): Ready, Synced, Reconciling, Stalled. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(Outcome.ready(Reason.AVAILABLE, "ok"), "True", "True", "False", "False"),
        Arguments.of(Outcome.inProgress(Reason.CREATING, "c"), "False", "False", "True", "False"),
        Arguments.of(Outcome.retrying(Reason.RATE_LIMITED, "r"), "False", "False", "True", "False"),
        Arguments.of(
            Outcome.retrying(Reason.OMNI_UNAVAILABLE, "u"), "False", "False", "True", "False"),
        Arguments.of(
            Outcome.stalled(Reason.INVALID_SPEC, "bad"), "False", "False", "False", "True"),
        Arguments.of(
            Outcome.stalled(Reason.DRIFT_DETECTED, "d"), "False", "False", "False", "True"),
        Arguments.of(Outcome.paused("p"), "Unknown", "False", "False", "False"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void mapsEachOutcome(Outcome o, String ready, String synced, String reconciling, String stalled) {
    var c = StatusBuilder.conditions(List.of(), 3, o, T0);
    assertThat(statuses(c))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Ready", ready, "Synced", synced, "Reconciling", reconciling, "Stalled", stalled));
    assertThat(c).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(3L));
    assertThat(c).allSatisfy(x -> assertThat(x.getReason()).isEqualTo(o.reason().text()));
    assertThat(c).allSatisfy(x -> assertThat(x.getLastTransitionTime()).isEqualTo(T0.toString()));
  }

  @Test
  void messageStandsOnTheActiveConditionsOnly() {
    var c = StatusBuilder.conditions(List.of(), 1, Outcome.stalled(Reason.CONFLICT, "taken"), T0);
    var byType = c.stream().collect(Collectors.toMap(StatusCondition::getType, x -> x));
    assertThat(byType.get("Ready").getMessage()).isEqualTo("taken");
    assertThat(byType.get("Stalled").getMessage()).isEqualTo("taken");
    assertThat(byType.get("Reconciling").getMessage()).isEmpty();
  }

  @Test
  void keepsTransitionTimeWhileStatusIsUnchanged() {
    var first = StatusBuilder.conditions(List.of(), 1, Outcome.ready(Reason.AVAILABLE, "a"), T0);
    var second = StatusBuilder.conditions(first, 2, Outcome.ready(Reason.AVAILABLE, "b"), T1);
    assertThat(second)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z"));
    var third =
        StatusBuilder.conditions(second, 2, Outcome.stalled(Reason.OMNI_REJECTED, "no"), T1);
    var byType = third.stream().collect(Collectors.toMap(StatusCondition::getType, x -> x));
    assertThat(byType.get("Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(byType.get("Stalled").getLastTransitionTime()).isEqualTo(T1.toString());
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
    var byType = paused.stream().collect(Collectors.toMap(StatusCondition::getType, x -> x));
    assertThat(byType.get("Ready").getStatus()).isEqualTo("True");
    assertThat(byType.get("Ready").getReason()).isEqualTo("Available");
    assertThat(byType.get("Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(byType.get("Synced").getReason()).isEqualTo("Paused");
    assertThat(byType.get("Synced").getStatus()).isEqualTo("False");
  }

  @Test
  void everyStateIsCovered() {
    assertThat(table().count()).isGreaterThanOrEqualTo(State.values().length);
  }
}
