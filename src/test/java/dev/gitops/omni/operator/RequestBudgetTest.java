package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void aColdStartSpendsTheWholeMinuteAtOnceThenWaitsForTheWindow() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    int immediate = 0;
    while (budget.tryAcquire("r" + immediate).isZero()) {
      immediate++;
    }
    assertThat(immediate).isEqualTo(59);
    // the 60th is reserved for when the first leaves the 61 s window
    Duration wait = budget.tryAcquire("late");
    assertThat(wait).isBetween(Duration.ofSeconds(61), Duration.ofSeconds(61).plusMillis(1));
  }

  @Test
  void noSixtyOneSecondWindowEverHoldsMoreThanTheAllowance() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    Random random = new Random(42);
    List<Long> sent = new ArrayList<>();
    // 300 resources that each come back when told to, sometimes early, sometimes late
    long[] comeBack = new long[300];
    for (int i = 0; i < 40_000; i++) {
      advance(Duration.ofMillis(random.nextInt(200)));
      int r = random.nextInt(comeBack.length);
      boolean early = random.nextInt(10) == 0;
      if (comeBack[r] > clock.get() && !early) {
        continue;
      }
      Duration wait = budget.tryAcquire("r" + r);
      if (wait.isZero()) {
        sent.add(clock.get());
        comeBack[r] = clock.get() + Duration.ofSeconds(random.nextInt(30)).toNanos();
      } else {
        comeBack[r] = clock.get() + wait.toNanos();
      }
    }
    long window = RequestBudget.WINDOW.toNanos();
    int worst = 0;
    for (int i = 0, j = 0; i < sent.size(); i++) {
      while (sent.get(i) - sent.get(j) >= window) {
        j++;
      }
      worst = Math.max(worst, i - j + 1);
    }
    assertThat(sent).hasSizeGreaterThan(1_000);
    assertThat(worst).isEqualTo(59);
  }

  @Test
  void heldBackOwnersKeepTheirReservedTurnInOrder() {
    RequestBudget budget = new RequestBudget(3, clock::get);
    assertThat(budget.tryAcquire("a")).isZero();
    advance(Duration.ofSeconds(1));
    assertThat(budget.tryAcquire("b")).isZero();
    Duration c = budget.tryAcquire("c");
    Duration d = budget.tryAcquire("d");
    // c gets a's place in the window, d gets b's
    assertThat(c).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(60).plusMillis(1));
    assertThat(d.minus(c)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1).plusMillis(1));
    // asking again before its turn neither loses the turn nor takes another request
    advance(Duration.ofSeconds(10));
    assertThat(budget.tryAcquire("c")).isEqualTo(c.minusSeconds(10));
    // an anonymous caller waits behind the reservations and reserves nothing
    Duration anonymous = budget.tryAcquire();
    assertThat(anonymous).isGreaterThan(d.minusSeconds(10));
    assertThat(budget.tryAcquire()).isEqualTo(anonymous);
    // a released reservation is not kept for its owner: its slot goes to the next one asking
    budget.release("d");
    assertThat(budget.tryAcquire("e")).isEqualTo(d.minusSeconds(10));
    assertThat(budget.tryAcquire("d")).isGreaterThan(d.minusSeconds(10));
    advance(c.minusSeconds(10));
    assertThat(budget.tryAcquire("c")).isZero();
  }

  @Test
  void a429SlowsTheBudgetDownOncePerCoolDownNeverBelowHalfAndCleanWindowsGiveItBack() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    budget.throttled(Duration.ofSeconds(5));
    assertThat(budget.allowance()).isEqualTo(44);
    assertThat(budget.tryAcquire("a")).isEqualTo(Duration.ofSeconds(5));
    // the other requests in flight meet the same counter: one step per cool-down
    budget.throttled(null);
    assertThat(budget.allowance()).isEqualTo(44);
    advance(Duration.ofSeconds(5));
    assertThat(budget.tryAcquire("a")).isZero();
    for (int i = 0; i < 5; i++) {
      advance(RequestBudget.COOL_DOWN);
      budget.throttled(null);
    }
    assertThat(budget.allowance()).isEqualTo(29);
    advance(RequestBudget.WINDOW);
    budget.tryAcquire("b");
    assertThat(budget.allowance()).isEqualTo(29 + 14);
    advance(RequestBudget.WINDOW.multipliedBy(5));
    budget.tryAcquire("c");
    assertThat(budget.allowance()).isEqualTo(59);
  }

  @Test
  void aTooManyRequestsAnswerSlowsTheBudgetDownButOurOwnHoldBackDoesNot() {
    RequestBudget budget = new RequestBudget(60, clock::get);
    var omni = new ConnectionCacheTest.ListOnly();
    var client = new BudgetedOmniClient(omni, budget, null).chargedTo("ns/a");
    client.list(ListFilter.ALL);
    assertThat(budget.allowance()).isEqualTo(59);
    omni.failure = new OmniApiException(OmniFailure.RATE_LIMITED, 429, null);
    assertThatThrownBy(() -> client.list(ListFilter.ALL)).isInstanceOf(OmniApiException.class);
    assertThat(budget.allowance()).isEqualTo(44);
    advance(RequestBudget.COOL_DOWN);
    omni.failure = new OmniApiException(OmniFailure.UNAVAILABLE, 503, null);
    assertThatThrownBy(() -> client.list(ListFilter.ALL)).isInstanceOf(OmniApiException.class);
    assertThat(budget.allowance()).isEqualTo(44);
  }

  @Test
  void anOwnerOnTimeWhoseWindowIsStillFullKeepsItsPlaceAtTheFront() {
    RequestBudget budget = new RequestBudget(3, clock::get);
    long start = clock.get();
    budget.tryAcquire("a");
    advance(Duration.ofMillis(500));
    budget.tryAcquire("b");
    budget.tryAcquire("c");
    Duration d = budget.tryAcquire("d");
    Duration e = budget.tryAcquire("e");
    budget.tryAcquire("f");
    Duration g = budget.tryAcquire("g");
    assertThat(g).isGreaterThan(e.plusSeconds(30));
    // d goes on time, c half a second late: e's turn was planned on c's due time
    advance(d);
    assertThat(budget.tryAcquire("d")).isZero();
    advance(Duration.ofMillis(500));
    assertThat(budget.tryAcquire("c")).isZero();
    clock.set(start + Duration.ofMillis(500).plus(e).toNanos());
    Duration eAgain = budget.tryAcquire("e");
    assertThat(eAgain).isPositive().isLessThan(Duration.ofSeconds(1));
    // ... not behind g, who asked after it and is due a window later
    assertThat(e.plus(eAgain)).isLessThan(g);
    // a newcomer queues behind both
    assertThat(budget.tryAcquire("h")).isGreaterThan(g.minus(e));
    advance(eAgain);
    assertThat(budget.tryAcquire("e")).isZero();
  }

  @Test
  void reservationsWaitOutRetryAfterWhichIsCappedAndTheListGoesAhead() {
    RequestBudget budget = new RequestBudget(3, clock::get);
    budget.tryAcquire("a");
    budget.tryAcquire("b");
    Duration c = budget.tryAcquire("c");
    Duration d = budget.tryAcquire("d");
    // the poller's list is reserved where the window frees, ahead of c and d
    Duration list = budget.tryAcquire("(omni-poller)", true);
    assertThat(list).isLessThanOrEqualTo(c);
    // Omni asks for a pause longer than c's turn: c waits it out
    budget.throttled(c.plusSeconds(30));
    assertThat(budget.tryAcquire("c")).isEqualTo(c.plusSeconds(30));
    // a pause of a day is honoured for MAX_PAUSE only
    budget.throttled(Duration.ofDays(1));
    assertThat(budget.tryAcquire("new")).isLessThanOrEqualTo(RequestBudget.MAX_PAUSE.plus(d));
  }

  @Test
  void aCreateWhosePostWaitedLongForItsMarkTakesItsRequestAgain() {
    RequestBudget budget = new RequestBudget(5, clock::get);
    var client = new BudgetedOmniClient(new CreateOnly(), budget, null).chargedTo("ns/a");
    client.prepayCreate();
    client.createPrepaid(null);
    assertThat(budget.tryAcquire()).as("one request for a prompt create").isZero();
    client.prepayCreate();
    // the mark's write took longer than a prepaid request stays valid (the budget's own clock)
    advance(BudgetedOmniClient.PREPAY_VALID.plusMillis(100));
    client.createPrepaid(null);
    // 1 + 1 + the late create's prepay and its second take: the window (4) is full
    assertThat(budget.tryAcquire()).isPositive();
  }

  private static final class CreateOnly extends ConnectionCacheTest.ListOnly {
    @Override
    public String create(dev.gitops.omni.connection.NewConnection request) {
      return "id";
    }
  }

  @Test
  void theSendLogKeepsOrderAcrossGrowthAndDrops() {
    SendLog log = new SendLog();
    for (int i = 0; i < 50; i++) {
      log.add(i);
    }
    log.dropUpTo(29);
    for (int i = 50; i < 300; i++) {
      log.add(i);
    }
    assertThat(log.size()).isEqualTo(270);
    assertThat(log.newest(0)).isEqualTo(299);
    assertThat(log.newest(269)).isEqualTo(30);
    log.dropUpTo(298);
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.newest(0)).isEqualTo(299);
  }

  @Test
  void spareBudgetIsOnlyWhatNobodyWaitsForAndTheReserveLeaves() {
    RequestBudget budget = new RequestBudget(11, clock::get); // 10 requests per window
    assertThat(budget.hasSpare(2)).isTrue();
    for (int i = 0; i < 7; i++) {
      assertThat(budget.tryAcquire("r" + i)).isEqualTo(Duration.ZERO);
    }
    assertThat(budget.hasSpare(2)).as("8th request leaves 2").isTrue();
    assertThat(budget.tryAcquire("r7")).isEqualTo(Duration.ZERO);
    assertThat(budget.hasSpare(2)).as("a 9th would leave 1").isFalse();
    assertThat(budget.hasSpare(0)).isTrue();
    budget.tryAcquire("r8");
    budget.tryAcquire("r9");
    assertThat(budget.tryAcquire("waiting")).isPositive();
    advance(RequestBudget.WINDOW.plusMillis(1));
    assertThat(budget.hasSpare(0)).as("someone waits for the window: it goes first").isFalse();
    assertThat(budget.tryAcquire("waiting")).isEqualTo(Duration.ZERO);
    assertThat(budget.hasSpare(8)).as("the window emptied, the waiter served").isTrue();
    for (int i = 0; i < 9; i++) {
      budget.tryAcquire("s" + i);
    }
    assertThat(budget.tryAcquire("gone")).isPositive();
    advance(RequestBudget.FORGET.plus(RequestBudget.WINDOW.multipliedBy(2)));
    assertThat(budget.hasSpare(8)).as("a reservation nobody came back for is forgotten").isTrue();
  }
}
