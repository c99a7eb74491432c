package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Slots for periodic neighbour checks: spare budget's spacing, threads' share, one slot each. */
class NeighbourCheckPacerTest {
  /** 61 s over 61 spare requests: a slot a second. */
  static final Duration SECOND = Duration.ofSeconds(1);

  long now = 1_000_000_000L;
  boolean spare = true;
  final NeighbourCheckPacer pacer = new NeighbourCheckPacer(() -> now, () -> spare, 61, 2);

  void advance(Duration d) {
    now += d.toNanos();
  }

  /** Admits {@code key} now and ends its check after {@code took}. */
  void check(String key, Duration took) {
    assertThat(pacer.admit(key)).isNull();
    advance(took);
    pacer.done(key);
  }

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
    advance(Duration.ofMillis(400));

    assertThat(pacer.admit("schedules/b"))
        .as("woken early by another event")
        .isEqualTo(Duration.ofMillis(600));

    advance(Duration.ofMillis(597));
    assertThat(pacer.admit("schedules/b")).as("within EARLY of its slot").isNull();
    assertThat(pacer.waiting()).isZero();
    assertThat(pacer.admit("schedules/c"))
        .as("the next slot follows b's")
        .isEqualTo(Duration.ofMillis(1003));
  }

  @Test
  void atItsSlotWithoutSpareBudgetACheckWaitsForSpareAndKeepsItsPlace() {
    pacer.admit("schedules/a");
    pacer.admit("schedules/b");
    for (int i = 0; i < 30; i++) {
      pacer.admit("schedules/later-" + i);
    }
    advance(SECOND);
    spare = false;

    assertThat(pacer.admit("schedules/b")).isEqualTo(ScheduleSync.NO_SPARE_WAIT);

    spare = true;
    advance(ScheduleSync.NO_SPARE_WAIT);
    assertThat(pacer.admit("schedules/b"))
        .as("back after the wait: not behind the 30 checks that came due meanwhile")
        .isNull();
  }

  @Test
  void slowChecksAreSpacedSoThatTheyKeepTheirShareOfThreadsBusy() {
    assertThat(pacer.spacing()).isEqualTo(SECOND);
    check("schedules/a", Duration.ofSeconds(4));

    assertThat(pacer.spacing()).as("4 s each over 2 threads").isEqualTo(Duration.ofSeconds(2));

    check("schedules/b", Duration.ZERO);
    assertThat(pacer.spacing()).as("a running average").isEqualTo(Duration.ofMillis(1600));
    for (int i = 0; i < 50; i++) {
      advance(Duration.ofSeconds(5));
      check("schedules/c", Duration.ofMillis(10));
    }
    assertThat(pacer.spacing()).as("fast checks: the budget's spacing again").isEqualTo(SECOND);
  }

  @Test
  void aShareBelowOneThreadSpacesChecksFurther() {
    NeighbourCheckPacer one = new NeighbourCheckPacer(() -> now, () -> true, 61_000, 0.25);
    assertThat(one.admit("schedules/a")).isNull();
    advance(Duration.ofMillis(100));
    one.done("schedules/a");

    assertThat(one.spacing())
        .as("one reconcile thread, a quarter of it: 100 ms checks 400 ms apart")
        .isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aReleasedOrStaleSlotIsNotUsedByALaterCheck() {
    pacer.admit("schedules/a");
    pacer.admit("schedules/b");
    pacer.admit("schedules/c");
    pacer.release("schedules/b");

    assertThat(pacer.admit("schedules/b"))
        .as("went at once with a spec change: its next due check takes a new slot, after c's")
        .isEqualTo(SECOND.multipliedBy(3));
  }

  @Test
  void aSlotOverAWindowOldIsTakenAsNoneAndQueuesAgain() {
    pacer.admit("schedules/a");
    assertThat(pacer.admit("schedules/c")).isEqualTo(SECOND);
    advance(RequestBudget.WINDOW);
    assertThat(pacer.admit("schedules/x")).as("the window's prune: c is not a window old").isNull();
    advance(Duration.ofSeconds(2));
    assertThat(pacer.admit("schedules/d")).isNull();
    assertThat(pacer.admit("schedules/e")).isEqualTo(SECOND);

    assertThat(pacer.admit("schedules/c"))
        .as("c left its slot behind over a window ago: it queues behind e, not at once")
        .isEqualTo(SECOND.multipliedBy(2));
  }

  @Test
  void slotsLeftByResourcesThatWentAwayArePrunedOnceAWindow() {
    for (int i = 0; i < 100; i++) {
      pacer.admit("schedules/gone-" + i);
    }
    assertThat(pacer.waiting()).as("the first went at once").isEqualTo(99);
    advance(Duration.ofSeconds(100).plus(RequestBudget.WINDOW).plusSeconds(1));

    pacer.admit("schedules/later");

    assertThat(pacer.waiting()).as("the gone ones' slots are a window past: pruned").isZero();
  }
}
