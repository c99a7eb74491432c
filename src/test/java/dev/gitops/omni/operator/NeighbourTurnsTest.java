package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a reconcile looks after a connection's neighbours, and when one is due. */
class NeighbourTurnsTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  static final Duration INTERVAL = Duration.ofMinutes(5);

  private static Step ready(OmniConnection r) {
    return new Step(r, new OmniConnectionStatus(), Outcome.ready(Reason.AVAILABLE, "ok"), null);
  }

  @Test
  void onlyAReadyConnectionTheOperatorWritesToHasItsNeighboursLookedAfter() {
    assertThat(NeighbourTurns.looksAfter(ready(OperatorUnits.postgres("a")))).isTrue();

    OmniConnection observed = OperatorUnits.postgres("b");
    observed.getSpec().managementPolicy = ManagementPolicy.ObserveOnly;
    assertThat(NeighbourTurns.looksAfter(ready(observed))).isFalse();

    OmniConnection paused = OperatorUnits.postgres("c");
    paused.getMetadata().setAnnotations(Map.of(OmniConnection.PAUSED_ANNOTATION, "true"));
    assertThat(NeighbourTurns.looksAfter(ready(paused))).isFalse();

    Step retrying =
        new Step(
            OperatorUnits.postgres("d"),
            new OmniConnectionStatus(),
            Outcome.retrying(Reason.OMNI_UNAVAILABLE, "down"),
            null);
    assertThat(NeighbourTurns.looksAfter(retrying)).isFalse();
  }

  @Test
  void anInSyncNeighbourIsDueAnIntervalAfterItsLastCheck() {
    String twoMinutesAgo = NOW.minusSeconds(120).toString();
    assertThat(NeighbourTurns.notDueFor(true, twoMinutesAgo, INTERVAL, NOW))
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(NeighbourTurns.notDueFor(true, NOW.minus(INTERVAL).toString(), INTERVAL, NOW))
        .as("due exactly now")
        .isNull();
    assertThat(NeighbourTurns.notDueFor(false, twoMinutesAgo, INTERVAL, NOW))
        .as("not in sync: due at once")
        .isNull();
    assertThat(NeighbourTurns.notDueFor(true, null, INTERVAL, NOW)).as("never checked").isNull();
  }

  @Test
  void aStepLooksAgainAtTheEarlierOfItsOwnTimeAndTheNeighbours() {
    Step none = ready(OperatorUnits.postgres("a"));
    Step inTen = none.noLaterThan(Duration.ofSeconds(10));

    assertThat(inTen.requeue()).isEqualTo(Duration.ofSeconds(10));
    assertThat(inTen.noLaterThan(Duration.ofSeconds(30)).requeue())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(inTen.noLaterThan(Duration.ofSeconds(3)).requeue()).isEqualTo(Duration.ofSeconds(3));
    assertThat(inTen.noLaterThan(null).requeue()).isEqualTo(Duration.ofSeconds(10));
  }
}
