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
import org.junit.jupiter.api.Test;

/**
 * The finding behind the key-wide pause, replayed on a fake clock: against an Omni that refuses
 * beyond 10 a minute, the operator set to 60 a minute gets a 429 about once a minute and sends
 * nothing until the window has room (issue 14).
 */
class StrictOmniThrottleTest {
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
