package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The Omni request budget of one API key, shared by every reconcile: a sliding window that hands
 * out at most R − 1 requests in any {@link #WINDOW} (61 s). Omni counts 60 requests per minute per
 * key; the extra second absorbs network jitter between our clock and Omni's counter, and the one
 * request kept back leaves room for a person using the key by hand. Unlike a token bucket, which
 * must choose between a burst and a sustained rate, the window lets a cold start or a mass change
 * spend the whole minute's allowance at once and still never exceeds the limit in any minute.
 *
 * <p>A caller that finds the window full is not parked: its request is reserved at the first moment
 * the window has room and it learns when to come back. The reservation is kept for that caller
 * ("owner", e.g. a resource's key), so coming back early or late never loses its place, and
 * held-back callers are served in the order they asked. A reservation counts in the window from its
 * due time, which keeps the bound exact.
 *
 * <p>When Omni answers 429 anyway (another client on the same key, or a stricter counter than
 * documented), {@link #throttled} takes a quarter off the allowance, down to half of it; each clean
 * window afterwards gives back a quarter of the full allowance. It also pauses every caller of the
 * key: as long as Retry-After says (at most {@link #MAX_PAUSE}), or without one until Omni's window
 * can have room again, i.e. until the oldest of our requests that Omni counted (sent in its minute
 * before the 429 and not refused) leaves our window, and at least {@link #PAUSE_FLOOR}. One
 * exception: when Omni let through a request sent after the refused one, its window had room after
 * all (a burst of 429s, someone else's requests leaving), and the pause is the floor only. Until
 * the answers that could show this are in (at most {@link #ANSWER_WAIT}), everyone waits a floor at
 * a time.
 */
public final class RequestBudget {
  /** Omni's minute plus a second of slack for jitter. */
  public static final Duration WINDOW = Duration.ofSeconds(61);

  /** The minute Omni counts requests in. */
  static final Duration OMNI_MINUTE = Duration.ofSeconds(60);

  /** The longest Retry-After the budget honours for everyone. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  /** 429s closer together than this count as one (for the allowance). */
  static final Duration COOL_DOWN = Duration.ofSeconds(10);

  /**
   * The shortest pause for everyone after a 429 without Retry-After. Short: when the window holds
   * nothing of ours that Omni counted, the 429 was not about our requests, and a longer pause lets
   * repeated 429s starve a lone request that everything else waits for (the soak's bursts).
   */
  static final Duration PAUSE_FLOOR = Duration.ofMillis(250);

  /** How long the pause after a 429 waits for answers that may show Omni's window had room. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  /** A reservation nobody came back for within this long is forgotten (its request is lost). */
  static final Duration FORGET = Duration.ofMinutes(2);

  private final int perMinute;
  private final int fullAllowance;
  private final LongSupplier nanoTime;
  private final SendLog sent = new SendLog();
  private final Map<String, Long> reservations = new HashMap<>();
  private final TreeMap<Long, Integer> pending = new TreeMap<>();
  private int allowance;
  private long lastAdjusted;
  private long pausedUntil;
  private Long lastThrottled;

  // what Omni answered to the requests in the window, by grant time (SendLog's entries)
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

  public RequestBudget(int requestsPerMinute) {
    this(requestsPerMinute, System::nanoTime);
  }

  RequestBudget(int requestsPerMinute, LongSupplier nanoTime) {
    this.perMinute = requestsPerMinute;
    this.fullAllowance = Math.max(1, requestsPerMinute - 1);
    this.allowance = fullAllowance;
    this.nanoTime = nanoTime;
    this.lastAdjusted = nanoTime.getAsLong();
    this.pausedUntil = lastAdjusted;
  }

  /** The budget's clock, in nanoseconds: the same one its window is measured with. */
  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** Asks for one request for an anonymous caller: nothing is reserved when it must wait. */
  public Duration tryAcquire() {
    return tryAcquire(null, false);
  }

  /** Takes one request for {@code owner}, in turn behind every caller already waiting. */
  public Duration tryAcquire(String owner) {
    return tryAcquire(owner, false);
  }

  /**
   * Takes one request for {@code owner}: zero when it may go now, otherwise how long until its
   * reserved request is due. With {@code ahead}, a new request is reserved at the first moment the
   * requests really sent leave room, ahead of those waiting (the poller's one list per interval).
   */
  public Duration tryAcquire(String owner, boolean ahead) {
    return acquire(owner, ahead).delay();
  }

  /**
   * A request granted at {@code at} (the budget's clock) when {@code delay} is zero; otherwise
   * nothing was granted and {@code delay} says when to come back.
   */
  record Grant(Duration delay, long at) {
    boolean granted() {
      return delay.isZero();
    }
  }

  /** {@link #tryAcquire(String, boolean)}, with the grant's time for {@link #throttled}. */
  synchronized Grant acquire(String owner, boolean ahead) {
    long now = nanoTime.getAsLong();
    recover(now);
    forgetOld(now);
    decide(now);
    Long due = owner == null ? null : reservations.get(owner);
    if (due != null) {
      long wait = Math.max(due, pausedUntil) - now;
      if (wait > 0) {
        return waitFor(wait);
      }
      long free = windowFreeAt(now);
      if (free <= now) {
        unreserve(owner);
        return grant(now);
      }
      // the requests before it went out a little later than planned: keep its place at the front
      return waitFor(reserve(owner, free, now));
    }
    long slot = ahead ? Math.max(windowFreeAt(now), pausedUntil) : firstFreeSlot(now);
    if (slot <= now) {
      return grant(now);
    }
    if (owner == null) {
      return waitFor(slot - now);
    }
    forgetStale(now);
    return waitFor(reserve(owner, slot, now));
  }

  private Grant grant(long now) {
    sent.add(now);
    return new Grant(Duration.ZERO, now);
  }

  private static Grant waitFor(long nanos) {
    return new Grant(Duration.ofNanos(nanos), Long.MIN_VALUE);
  }

  /** When the requests really sent leave room for one more (now, or when the oldest leaves). */
  private long windowFreeAt(long now) {
    if (sent.size() < allowance) {
      return now;
    }
    return Math.max(now, sent.newest(allowance - 1) + WINDOW.toNanos() + 1);
  }

  private long reserve(String owner, long slot, long now) {
    unreserve(owner);
    reservations.put(owner, slot);
    pending.merge(slot, 1, Integer::sum);
    return slot - now;
  }

  /**
   * The earliest time a new request keeps every window within the allowance, counting requests sent
   * and requests reserved (at their due times), and queueing behind every reservation.
   */
  private long firstFreeSlot(long now) {
    long slot = Math.max(now, pausedUntil);
    if (!pending.isEmpty()) {
      slot = Math.max(slot, pending.lastKey());
    }
    if (sent.size() > 0) {
      slot = Math.max(slot, sent.newest(0));
    }
    long kth = kthNewest(allowance - 1);
    return kth == Long.MIN_VALUE ? slot : Math.max(slot, kth + WINDOW.toNanos() + 1);
  }

  /** The k-th newest of the sent and reserved times together, or MIN_VALUE when there are fewer. */
  private long kthNewest(int k) {
    var reserved = pending.descendingMap().entrySet().iterator();
    Map.Entry<Long, Integer> entry = reserved.hasNext() ? reserved.next() : null;
    int left = entry == null ? 0 : entry.getValue();
    int s = 0;
    for (int seen = 0; ; seen++) {
      boolean haveSent = s < sent.size();
      if (entry == null && !haveSent) {
        return Long.MIN_VALUE;
      }
      long t;
      if (entry != null && (!haveSent || entry.getKey() >= sent.newest(s))) {
        t = entry.getKey();
        if (--left == 0) {
          entry = reserved.hasNext() ? reserved.next() : null;
          left = entry == null ? 0 : entry.getValue();
        }
      } else {
        t = sent.newest(s++);
      }
      if (seen == k) {
        return t;
      }
    }
  }

  private void unreserve(String owner) {
    Long due = reservations.remove(owner);
    if (due != null) {
      pending.computeIfPresent(due, (t, n) -> n == 1 ? null : n - 1);
    }
  }

  /**
   * Omni answered 429 to a request of ours (taken to be the newest granted, as it is unknown
   * which).
   *
   * @see #throttled(Duration, long)
   */
  public synchronized void throttled(Duration retryAfter) {
    throttled(retryAfter, sent.size() > 0 ? sent.newest(0) : Long.MIN_VALUE);
  }

  /**
   * Omni answered 429 to the request granted at {@code grantedAt}: take a quarter off the allowance
   * (at most once per {@link #COOL_DOWN}, since the requests in flight at that moment all meet the
   * same counter, and never below half of it) and pause every caller. With a Retry-After, that long
   * (at most {@link #MAX_PAUSE}). Without one, Omni's window is full: until the oldest request it
   * counted leaves the window and at least {@link #PAUSE_FLOOR}, unless Omni lets through a request
   * sent after this one (see the class comment). Every 429 extends the pause as needed.
   */
  synchronized void throttled(Duration retryAfter, long grantedAt) {
    long now = nanoTime.getAsLong();
    if (lastThrottled == null || now - lastThrottled >= COOL_DOWN.toNanos()) {
      allowance = Math.max(Math.max(1, fullAllowance / 2), allowance * 3 / 4);
      lastThrottled = now;
      lastAdjusted = now;
    }
    forgetOld(now);
    // Omni did not count it: the window's requests as Omni counts them are the others
    record(refused, grantedAt, now);
    if (retryAfter != null) {
      if (!retryAfter.isNegative()) {
        // a Retry-After of hours would silence every resource: honour at most MAX_PAUSE of it
        Duration pause = retryAfter.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryAfter;
        pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
      }
      return;
    }
    pausedUntil = Math.max(pausedUntil, now + PAUSE_FLOOR.toNanos());
    if (undecided == null) {
      undecided = grantedAt;
      undecidedSince = now;
    } else {
      undecided = Math.min(undecided, grantedAt);
    }
    fullAt = now;
    decide(now);
  }

  /**
   * Omni answered the request granted at {@code grantedAt} on its merits (not 429, not a 5xx): its
   * window had room when that request arrived.
   */
  synchronized void passed(long grantedAt) {
    newestPassed = Math.max(newestPassed, grantedAt);
    answered(grantedAt);
  }

  /**
   * The call of the request granted at {@code grantedAt} is over without a 429 (or it was never
   * sent): its answer can no longer show whether Omni's window had room.
   */
  synchronized void answered(long grantedAt) {
    long now = nanoTime.getAsLong();
    forgetOld(now);
    record(answered, grantedAt, now);
    decide(now);
  }

  private static void record(TreeMap<Long, Integer> times, long grantedAt, long now) {
    if (grantedAt > now - WINDOW.toNanos()) {
      times.merge(grantedAt, 1, Integer::sum);
    }
  }

  private void forgetOld(long now) {
    sent.dropUpTo(now - WINDOW.toNanos());
    refused.headMap(now - WINDOW.toNanos(), true).clear();
    answered.headMap(now - WINDOW.toNanos(), true).clear();
  }

  /**
   * Decides the pause after the 429s of an undecided episode: the floor only when Omni let through
   * a request sent after the oldest refused one. Otherwise, once no such request can still answer
   * (none left unanswered, or {@link #ANSWER_WAIT} is over; until then everyone waits a floor at a
   * time), until the oldest request Omni counted leaves our window. Omni counted the requests it
   * did not refuse from the minute before its last 429: older ones, still in our window for its
   * extra second, had left Omni's already.
   */
  private void decide(long now) {
    if (undecided == null) {
      return;
    }
    long first = undecided;
    if (newestPassed > first) {
      undecided = null;
      return;
    }
    if (unansweredAfter(first) && now - undecidedSince < ANSWER_WAIT.toNanos()) {
      if (now >= pausedUntil) {
        pausedUntil = now + PAUSE_FLOOR.toNanos();
      }
      return;
    }
    undecided = null;
    long oldest = oldestCounted(fullAt - OMNI_MINUTE.toNanos());
    if (oldest != Long.MIN_VALUE) {
      pausedUntil = Math.max(pausedUntil, oldest + WINDOW.toNanos() + 1);
    }
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

  private void recover(long now) {
    long clean = (now - lastAdjusted) / WINDOW.toNanos();
    if (clean > 0 && allowance < fullAllowance) {
      long step = Math.max(1, fullAllowance / 4);
      allowance = (int) Math.min(fullAllowance, allowance + clean * step);
      lastAdjusted = now;
    }
  }

  /** Drops an owner's reservation (the resource is gone). */
  public synchronized void release(String owner) {
    unreserve(owner);
  }

  private void forgetStale(long now) {
    List<String> stale =
        reservations.entrySet().stream()
            .filter(e -> now - e.getValue() > FORGET.toNanos())
            .map(Map.Entry::getKey)
            .toList();
    stale.forEach(this::unreserve);
  }

  /** How many requests the window currently allows (less than R − 1 after a 429). */
  synchronized int allowance() {
    return allowance;
  }

  public int perMinute() {
    return perMinute;
  }
}
