package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the budget does after Omni answers 429: a pause for the key as a whole (issue 14). */
class RequestBudgetThrottleTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  /**
   * Every kind of caller: a resource, an anonymous caller, the poller's list ahead of the queue.
   */
  private static List<Duration> everyone(RequestBudget budget) {
    return List.of(
        budget.tryAcquire("ns/new"), budget.tryAcquire(), budget.tryAcquire("(omni-poller)", true));
  }

  private static final Duration ONE_NANO = Duration.ofNanos(1);

  /**
   * @param sentAt when the requests in the window were granted (from the start); the newest is the
   *     one Omni refuses
   * @param refusedAt when the 429 arrives
   * @param retryAfter its Retry-After, or null
   * @param pause how long everyone waits from then
   */
  record Row(
      String name, List<Duration> sentAt, Duration refusedAt, Duration retryAfter, Duration pause) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "2 requests, the newer refused: until the older leaves the window",
            List.of(Duration.ZERO, Duration.ofSeconds(5)),
            Duration.ofSeconds(6),
            null,
            Duration.ofSeconds(55).plus(ONE_NANO)),
        new Row(
            "10 requests a second apart: until the first leaves",
            seconds(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            Duration.ofSeconds(9),
            null,
            Duration.ofSeconds(52).plus(ONE_NANO)),
        new Row(
            "a request older than Omni's minute is not what filled it: until the next one leaves",
            seconds(0, 30, 45),
            Duration.ofMillis(60_500),
            null,
            Duration.ofMillis(30_500).plus(ONE_NANO)),
        new Row(
            "only the refused request: nothing of ours to wait for, the floor",
            seconds(0),
            Duration.ofSeconds(1),
            null,
            ThrottleEvidence.PAUSE_FLOOR),
        new Row(
            "Retry-After shorter than the window's wait: Retry-After",
            seconds(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            Duration.ofSeconds(9),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5)),
        new Row(
            "Retry-After longer than the window's wait: Retry-After",
            seconds(0, 1, 2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(90),
            Duration.ofSeconds(90)));
  }

  private static List<Duration> seconds(int... s) {
    return java.util.Arrays.stream(s).mapToObj(Duration::ofSeconds).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void a429PausesEveryCallerOfTheKeyThenRequestsGoAgain(Row row) {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    for (Duration at : row.sentAt()) {
      clock.set(start + at.toNanos());
      assertThat(budget.tryAcquire("sent" + at.toMillis())).isZero();
    }
    clock.set(start + row.refusedAt().toNanos());
    budget.throttled(row.retryAfter());
    assertThat(budget.allowance()).as("a quarter off").isEqualTo(44);

    assertThat(everyone(budget)).containsOnly(row.pause());
    advance(row.pause().minus(ONE_NANO));
    assertThat(budget.tryAcquire()).as("a nanosecond before the end").isEqualTo(ONE_NANO);
    advance(ONE_NANO);
    assertThat(everyone(budget)).containsOnly(Duration.ZERO);
  }

  @Test
  void aCallerHeldBackBeforeTheLongPauseWaitsUntilItEndsThenGoesFirst() {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    var a = budget.acquire("a", false);
    var b = budget.acquire("b", false);
    var c = budget.acquire("c", false);
    budget.passed(a.at());
    // b's 429 says wait 2 s: d's request is reserved for then
    budget.throttled(Duration.ofSeconds(2), b.at());
    assertThat(budget.tryAcquire("d")).isEqualTo(Duration.ofSeconds(2));
    // c's 429 has no Retry-After: Omni's window is full until a leaves it
    advance(Duration.ofMillis(500));
    budget.throttled(null, c.at());
    Duration untilALeaves =
        Duration.ofNanos(start + RequestBudget.WINDOW.toNanos() + 1 - clock.get());
    assertThat(budget.tryAcquire("d")).isEqualTo(untilALeaves);
    assertThat(budget.tryAcquire("e")).isEqualTo(untilALeaves);
    advance(untilALeaves);
    assertThat(budget.tryAcquire("d")).isZero();
    assertThat(budget.tryAcquire("e")).isZero();
  }

  @Test
  void aBurstOf429sCutsTheAllowanceOnceButEveryOneKeepsThePause() {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    for (int i = 0; i < 5; i++) {
      clock.set(start + Duration.ofSeconds(i).toNanos());
      budget.tryAcquire("r" + i);
    }
    budget.throttled(null);
    long pauseEnd = start + RequestBudget.WINDOW.toNanos() + 1;
    assertThat(budget.allowance()).isEqualTo(44);
    // the answers of the other requests in flight arrive: one cut, and the pause is not shortened
    for (int i = 0; i < 3; i++) {
      advance(Duration.ofSeconds(1));
      budget.throttled(null);
      assertThat(budget.allowance()).isEqualTo(44);
      assertThat(budget.tryAcquire()).isEqualTo(Duration.ofNanos(pauseEnd - clock.get()));
    }
    // with nothing of ours counted, each 429 starts the floor again
    RequestBudget fresh = new RequestBudget(60, clock::get);
    fresh.tryAcquire("a");
    fresh.throttled(null);
    advance(ThrottleEvidence.PAUSE_FLOOR.minusMillis(50));
    fresh.throttled(null);
    assertThat(fresh.tryAcquire()).isEqualTo(ThrottleEvidence.PAUSE_FLOOR);
    assertThat(fresh.allowance()).isEqualTo(44);
    advance(RequestBudget.COOL_DOWN);
    fresh.throttled(null);
    assertThat(fresh.allowance()).isEqualTo(33);
  }

  /** Requests a (Omni let it through at once), then b and c a millisecond apart, in flight. */
  private BudgetGrant[] threeSent(RequestBudget budget) {
    var a = budget.acquire("a", false);
    budget.passed(a.at());
    advance(Duration.ofSeconds(10));
    var b = budget.acquire("b", false);
    advance(Duration.ofMillis(1));
    var c = budget.acquire("c", false);
    return new BudgetGrant[] {a, b, c};
  }

  @Test
  void omniLettingThroughARequestSentAfterTheRefusedOneShowsRoomTheFloorIsEnough() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    var sent = threeSent(budget);
    budget.throttled(null, sent[1].at());
    // c may still show whether Omni's window has room: everyone waits a floor
    assertThat(everyone(budget)).containsOnly(ThrottleEvidence.PAUSE_FLOOR);
    budget.passed(sent[2].at());
    advance(ThrottleEvidence.PAUSE_FLOOR);
    assertThat(everyone(budget)).containsOnly(Duration.ZERO);
  }

  @Test
  void whenTheRequestsSentAfterItAreRefusedTooEveryoneWaitsUntilTheOldestCountedLeaves() {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    var sent = threeSent(budget);
    budget.throttled(null, sent[1].at());
    advance(Duration.ofMillis(100));
    budget.throttled(null, sent[2].at());
    // a is the only one Omni counted: room when it leaves
    long aLeaves = start + RequestBudget.WINDOW.toNanos() + 1;
    assertThat(everyone(budget)).containsOnly(Duration.ofNanos(aLeaves - clock.get()));
  }

  @Test
  void anAnswerThatNeverComesIsWaitedForAFloorAtATimeUpToTheAnswerWait() {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    var sent = threeSent(budget);
    long refusedAt = clock.get();
    budget.throttled(null, sent[1].at());
    while (clock.get() - refusedAt < ThrottleEvidence.ANSWER_WAIT.toNanos()) {
      assertThat(budget.tryAcquire())
          .isPositive()
          .isLessThanOrEqualTo(ThrottleEvidence.PAUSE_FLOOR);
      advance(ThrottleEvidence.PAUSE_FLOOR);
    }
    long aLeaves = start + RequestBudget.WINDOW.toNanos() + 1;
    assertThat(everyone(budget)).containsOnly(Duration.ofNanos(aLeaves - clock.get()));
  }

  @Test
  void aRequestSentBeforeTheRefusedOneThatPassesShowsNothing() {
    long start = clock.get();
    RequestBudget budget = new RequestBudget(60, clock::get);
    var a = budget.acquire("a", false);
    advance(Duration.ofMillis(1));
    var b = budget.acquire("b", false);
    budget.throttled(null, b.at());
    budget.passed(a.at());
    long aLeaves = start + RequestBudget.WINDOW.toNanos() + 1;
    assertThat(everyone(budget)).containsOnly(Duration.ofNanos(aLeaves - clock.get()));
  }
}
