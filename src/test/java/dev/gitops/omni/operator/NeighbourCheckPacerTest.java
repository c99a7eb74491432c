package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Slots for periodic neighbour checks: spare budget's spacing, threads' share, one slot each. */
class NeighbourCheckPacerTest {
  /** 61 s over 61 spare requests: a slot a second. */
  static final Duration SECOND = Duration.ofSeconds(1);

  final ConnectionCacheTest.TestClock clock = new ConnectionCacheTest.TestClock();
  boolean spare = true;
  final NeighbourCheckPacer pacer = new NeighbourCheckPacer(clock, () -> spare, 61, 2);

  @Test
  void anIdlePacerAdmitsAtOnce() {
    assertThat(pacer.admit("schedules/a")).isNull();
    assertThat(pacer.waiting()).isZero();
  }

  @Test
  void checksDueTogetherGetSlotsTheBudgetsSpacingApart() {
    assertThat(pacer.admit("schedules/a")).isNull();
    assertThat(pacer.admit("schedules/b")).isEqualTo(SECOND);
    assertThat(pacer.admit("schedules/c")).isEqualTo(SECOND.multipliedBy(2));
    assertThat(pacer.admit("environment/a"))
        .as("another neighbour of a: its own slot")
        .isEqualTo(SECOND.multipliedBy(3));
    assertThat(pacer.waiting()).isEqualTo(3);
  }

  @Test
  void aCheckBackEarlyKeepsItsSlotAndGoesAtIt() {
    pacer.admit("schedules/a");
    pacer.admit("schedules/b");
    clock.advance(Duration.ofMillis(400));

    assertThat(pacer.admit("schedules/b"))
        .as("woken early by another event")
        .isEqualTo(Duration.ofMillis(600));

    clock.advance(Duration.ofMillis(597));
    assertThat(pacer.admit("schedules/b")).as("within EARLY of its slot").isNull();
    assertThat(pacer.waiting()).isZero();
    assertThat(pacer.admit("schedules/c"))
        .as("the next slot follows b's")
        .isEqualTo(Duration.ofMillis(1003));
  }

  @Test
  void atItsSlotWithoutSpareBudgetACheckWaitsForSpare() {
    pacer.admit("schedules/a");
    pacer.admit("schedules/b");
    clock.advance(SECOND);
    spare = false;

    assertThat(pacer.admit("schedules/b")).isEqualTo(ScheduleSync.NO_SPARE_WAIT);
  }

  @Test
  void slowChecksAreSpacedSoThatTheyKeepTheirShareOfThreadsBusy() {
    assertThat(pacer.spacing()).isEqualTo(SECOND);
    pacer.took(Duration.ofSeconds(4));

    assertThat(pacer.spacing()).as("4 s each over 2 threads").isEqualTo(Duration.ofSeconds(2));

    pacer.took(Duration.ZERO);
    assertThat(pacer.spacing()).as("a running average").isEqualTo(Duration.ofMillis(1600));
    for (int i = 0; i < 50; i++) {
      pacer.took(Duration.ofMillis(10));
    }
    assertThat(pacer.spacing()).as("fast checks: the budget's spacing again").isEqualTo(SECOND);
  }

  @Test
  void slotsLeftByResourcesThatWentAwayArePruned() {
    for (int i = 0; i < 1100; i++) {
      pacer.admit("schedules/gone-" + i);
    }
    assertThat(pacer.waiting()).as("the first went at once").isEqualTo(1099);
    clock.advance(Duration.ofSeconds(1100).plus(Duration.ofMinutes(2)));

    for (int i = 0; i < 1100; i++) {
      pacer.admit("schedules/later-" + i);
    }

    assertThat(pacer.waiting())
        .as("the gone ones' slots are more than a window past: pruned; the later ones wait")
        .isEqualTo(1099);
  }
}
