package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the budget does after Omni answers 429: a pause for the key as a whole (issue 14). */
class RequestBudgetThrottleTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  /**
   * An Omni stricter than documented: at most {@code limit} accepted requests in any 60 s, beyond
   * that 429 without Retry-After. Refused requests do not count, like the simulator's limiter.
   */
  private final class StrictOmni extends ConnectionCacheTest.ListOnly {
    final int limit;
    final Deque<Long> accepted = new ArrayDeque<>();
    int ok;
    int refused;
    Long firstRefusal;
    int sentWithin3sOfIt;

    StrictOmni(int limit) {
      this.limit = limit;
    }

    @Override
    public List<ObservedConnection> list(ListFilter filter) {
      long now = clock.get();
      if (firstRefusal != null && now - firstRefusal <= Duration.ofSeconds(3).toNanos()) {
        sentWithin3sOfIt++;
      }
      while (!accepted.isEmpty()
          && now - accepted.peekFirst() >= Duration.ofSeconds(60).toNanos()) {
        accepted.pollFirst();
      }
      if (accepted.size() >= limit) {
        refused++;
        if (firstRefusal == null) {
          firstRefusal = now;
        }
        throw new OmniApiException(OmniFailure.RATE_LIMITED, 429, "Too Many Requests");
      }
      accepted.addLast(now);
      ok++;
      return List.of();
    }
  }

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
            RequestBudget.PAUSE_FLOOR),
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
    advance(RequestBudget.PAUSE_FLOOR.minusMillis(50));
    fresh.throttled(null);
    assertThat(fresh.tryAcquire()).isEqualTo(RequestBudget.PAUSE_FLOOR);
    assertThat(fresh.allowance()).isEqualTo(44);
    advance(RequestBudget.COOL_DOWN);
    fresh.throttled(null);
    assertThat(fresh.allowance()).isEqualTo(33);
  }

  /** Requests a (Omni let it through at once), then b and c a millisecond apart, in flight. */
  private RequestBudget.Grant[] threeSent(RequestBudget budget) {
    var a = budget.acquire("a", false);
    budget.passed(a.at());
    advance(Duration.ofSeconds(10));
    var b = budget.acquire("b", false);
    advance(Duration.ofMillis(1));
    var c = budget.acquire("c", false);
    return new RequestBudget.Grant[] {a, b, c};
  }

  @Test
  void omniLettingThroughARequestSentAfterTheRefusedOneShowsRoomTheFloorIsEnough() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    var sent = threeSent(budget);
    budget.throttled(null, sent[1].at());
    // c may still show whether Omni's window has room: everyone waits a floor
    assertThat(everyone(budget)).containsOnly(RequestBudget.PAUSE_FLOOR);
    budget.passed(sent[2].at());
    advance(RequestBudget.PAUSE_FLOOR);
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
    while (clock.get() - refusedAt < RequestBudget.ANSWER_WAIT.toNanos()) {
      assertThat(budget.tryAcquire()).isPositive().isLessThanOrEqualTo(RequestBudget.PAUSE_FLOOR);
      advance(RequestBudget.PAUSE_FLOOR);
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

  private record Turn(long at, int caller) {}

  /**
   * The finding's run: 20 resources and the poller keep asking for one request each (a resource
   * every 1 to 5 s after a success, after the operator's backoff after a 429, just after its
   * reserved request when held back; the poller every 10 s, ahead of the queue) for 3 minutes, with
   * the operator set to Omni's documented 60 a minute and Omni refusing beyond 10.
   */
  @Test
  void againstAStricterOmniA429PausesTheKeyUntilTheWindowHasRoom() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    StrictOmni omni = new StrictOmni(10);
    BudgetedOmniClient client = new BudgetedOmniClient(omni, budget, null);
    int resources = 20;
    int poller = resources;
    Random random = new Random(14);
    // the operator's Backoff (2 s doubled per try, from the upper half), on this test's seeded dice
    Map<String, Integer> attempts = new HashMap<>();
    PriorityQueue<Turn> turns =
        new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : a.caller() - b.caller());
    long start = clock.get();
    long end = start + Duration.ofMinutes(3).toNanos();
    for (int i = 0; i <= resources; i++) {
      turns.add(new Turn(start + Duration.ofMillis(random.nextInt(500)).toNanos(), i));
    }
    while (!turns.isEmpty() && turns.peek().at() < end) {
      Turn turn = turns.poll();
      clock.set(turn.at());
      String owner = turn.caller() == poller ? "(omni-poller)" : "r" + turn.caller();
      var charged = turn.caller() == poller ? client.aheadOfQueue(owner) : client.chargedTo(owner);
      Duration next;
      try {
        charged.list(ListFilter.ALL);
        attempts.remove(owner);
        next =
            turn.caller() == poller
                ? Duration.ofSeconds(10)
                : Duration.ofMillis(1000 + random.nextInt(4000));
      } catch (BudgetExhaustedException e) {
        next = e.retryAfter().orElseThrow().plus(FailurePolicy.AFTER_RESERVATION);
      } catch (OmniApiException e) {
        long ceiling =
            Backoff.BASE.toMillis() << Math.min(attempts.merge(owner, 1, Integer::sum) - 1, 6);
        next = Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
      }
      turns.add(new Turn(clock.get() + next.toNanos(), turn.caller()));
    }
    System.out.printf(
        "strict 10/min Omni, 3 minutes: %d accepted, %d answered 429, %d sent within 3 s after"
            + " the first 429%n",
        omni.ok, omni.refused, omni.sentWithin3sOfIt);
    // one 429 a minute finds the window full; nothing is sent after it until the window has room
    assertThat(omni.sentWithin3sOfIt).as("sent in the 3 s after the first 429").isZero();
    assertThat(omni.refused).isLessThanOrEqualTo(3);
    assertThat(omni.ok).as("the minute's 10 in each of the 3 minutes").isGreaterThanOrEqualTo(28);
  }
}
