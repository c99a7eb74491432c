package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Omni's answers show about its own window after a 429 without Retry-After: which of our
 * requests it refused (and so did not count), which it let through, and from that how long the
 * whole key must pause (docs/decisions/0001-request-budget.md). Times are the budget's grant times,
 * in its clock's nanoseconds. Used by {@link RequestBudget} under its lock.
 */
final class ThrottleEvidence {
  /** The minute Omni counts requests in. */
  static final Duration OMNI_MINUTE = Duration.ofSeconds(60);

  /**
   * The shortest pause for everyone after a 429 without Retry-After. Short: when the window holds
   * nothing of ours that Omni counted, the 429 was not about our requests, and a longer pause lets
   * repeated 429s starve a lone request that everything else waits for (the soak's bursts).
   */
  static final Duration PAUSE_FLOOR = Duration.ofMillis(250);

  /** How long the pause after a 429 waits for answers that may show Omni's window had room. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  private final SendLog sent;

  /** Requests Omni refused (429): Omni did not count them. */
  private final TreeMap<Long, Integer> refused = new TreeMap<>();

  /** Requests whose call is over otherwise (any other answer, or none). */
  private final TreeMap<Long, Integer> answered = new TreeMap<>();

  /** The newest request Omni let through (answered on its merits). */
  private long newestPassed = Long.MIN_VALUE;

  /** The oldest request refused since the pause was last decided; null when decided. */
  private Long undecided;

  /** When the first 429 of the undecided pause arrived. */
  private long undecidedSince;

  /** When the last 429 without Retry-After arrived: Omni's window was full then. */
  private long fullAt;

  ThrottleEvidence(SendLog sent) {
    this.sent = sent;
  }

  void refused(long grantedAt, long now) {
    record(refused, grantedAt, now);
  }

  void answered(long grantedAt, long now) {
    record(answered, grantedAt, now);
  }

  void passed(long grantedAt) {
    newestPassed = Math.max(newestPassed, grantedAt);
  }

  /**
   * A 429 without Retry-After to the request granted at {@code grantedAt}: Omni's window is full.
   */
  void windowFull(long grantedAt, long now) {
    if (undecided == null) {
      undecided = grantedAt;
      undecidedSince = now;
    } else {
      undecided = Math.min(undecided, grantedAt);
    }
    fullAt = now;
  }

  void forgetUpTo(long t) {
    refused.headMap(t, true).clear();
    answered.headMap(t, true).clear();
  }

  private static void record(TreeMap<Long, Integer> times, long grantedAt, long now) {
    if (grantedAt > now - RequestBudget.WINDOW.toNanos()) {
      times.merge(grantedAt, 1, Integer::sum);
    }
  }

  /**
   * The pause after the 429s of an undecided episode, given the current one: the floor only when
   * Omni let through a request sent after the oldest refused one. Otherwise, once no such request
   * can still answer (none left unanswered, or {@link RequestBudget#ANSWER_WAIT} is over; until
   * then everyone waits a floor at a time), until the oldest request Omni counted leaves our
   * window. Omni counted the requests it did not refuse from the minute before its last 429: older
   * ones, still in our window for its extra second, had left Omni's already.
   */
  long decide(long now, long pausedUntil) {
    if (undecided == null) {
      return pausedUntil;
    }
    long first = undecided;
    if (newestPassed > first) {
      undecided = null;
      return pausedUntil;
    }
    if (unansweredAfter(first) && now - undecidedSince < ANSWER_WAIT.toNanos()) {
      return now >= pausedUntil ? now + PAUSE_FLOOR.toNanos() : pausedUntil;
    }
    undecided = null;
    long oldest = oldestCounted(fullAt - OMNI_MINUTE.toNanos());
    return oldest == Long.MIN_VALUE
        ? pausedUntil
        : Math.max(pausedUntil, oldest + RequestBudget.WINDOW.toNanos() + 1);
  }

  /** Whether a request granted after {@code t} has not answered yet (it may still show room). */
  private boolean unansweredAfter(long t) {
    int after = 0;
    while (after < sent.size() && sent.newest(after) > t) {
      after++;
    }
    return after > countAfter(refused, t) + countAfter(answered, t);
  }

  private static int countAfter(TreeMap<Long, Integer> times, long t) {
    return times.tailMap(t, false).values().stream().mapToInt(n -> n).sum();
  }

  /** The oldest request granted after {@code since} that Omni did not refuse, or MIN_VALUE. */
  private long oldestCounted(long since) {
    var skip = refused.entrySet().iterator();
    Map.Entry<Long, Integer> r = skip.hasNext() ? skip.next() : null;
    int left = r == null ? 0 : r.getValue();
    for (int i = sent.size() - 1; i >= 0; i--) {
      long t = sent.newest(i);
      if (t <= since) {
        continue;
      }
      while (r != null && r.getKey() < t) {
        r = skip.hasNext() ? skip.next() : null;
        left = r == null ? 0 : r.getValue();
      }
      if (r != null && r.getKey() == t) {
        if (--left == 0) {
          r = skip.hasNext() ? skip.next() : null;
          left = r == null ? 0 : r.getValue();
        }
        continue;
      }
      return t;
    }
    return Long.MIN_VALUE;
  }
}
