package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The Omni request budget of one API key, shared by every reconcile: a sliding window that hands
 * out at most R − 1 requests in any {@link #WINDOW} (61 s). Omni counts 60 requests per minute per
 * key; the extra second absorbs network jitter between our clock and Omni's counter, and the one
 * request kept back leaves room for a person using the key by hand. Unlike a token bucket, which
 * must choose between a burst and a sustained rate, the window lets a cold start or a mass change
 * spend the whole minute's allowance at once and still never exceeds the limit in any minute.
 *
 * <p>A caller that finds the window full gets a reservation, kept for its owner and served in
 * order, and learns when to come back; a reservation counts in the window from its due time.
 *
 * <p>When Omni answers 429 anyway (another client on the same key, or a stricter counter), {@link
 * #throttled} cuts the allowance and pauses every caller of the key: for the Retry-After, or
 * without one until Omni's window can have room ({@link ThrottleEvidence};
 * docs/decisions/0001-request-budget.md).
 */
public final class RequestBudget {
  /** Omni's minute plus a second of slack for jitter. */
  public static final Duration WINDOW = Duration.ofSeconds(61);

  /** The longest Retry-After the budget honours for everyone. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  /** 429s closer together than this count as one (for the allowance). */
  static final Duration COOL_DOWN = Duration.ofSeconds(10);

  /** A reservation nobody came back for within this long is forgotten (its request is lost). */
  static final Duration FORGET = Duration.ofMinutes(2);

  private final int perMinute;
  private final int fullAllowance;
  private final LongSupplier nanoTime;
  private final SendLog sent = new SendLog();
  private final BudgetReservations reservations = new BudgetReservations();
  private int allowance;
  private long lastAdjusted;
  private long pausedUntil;
  private Long lastThrottled;

  // what Omni answered to the requests in the window, by grant time (SendLog's entries)
  /** What Omni's answers since the last 429 show about its window. */
  private final ThrottleEvidence evidence = new ThrottleEvidence(sent);

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

  /** {@link #tryAcquire(String, boolean)}, with the grant's time for {@link #throttled}. */
  synchronized BudgetGrant acquire(String owner, boolean ahead) {
    long now = nanoTime.getAsLong();
    recover(now);
    forgetOld(now);
    pausedUntil = evidence.decide(now, pausedUntil);
    Long due = owner == null ? null : reservations.dueOf(owner);
    if (due != null) {
      long wait = Math.max(due, pausedUntil) - now;
      if (wait > 0) {
        return waitFor(wait);
      }
      long free = windowFreeAt(now);
      if (free <= now) {
        reservations.unreserve(owner);
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
    reservations.forgetOlderThan(now - FORGET.toNanos());
    return waitFor(reserve(owner, slot, now));
  }

  private BudgetGrant grant(long now) {
    sent.add(now);
    return new BudgetGrant(Duration.ZERO, now);
  }

  private static BudgetGrant waitFor(long nanos) {
    return new BudgetGrant(Duration.ofNanos(nanos), Long.MIN_VALUE);
  }

  /** When the requests really sent leave room for one more (now, or when the oldest leaves). */
  private long windowFreeAt(long now) {
    if (sent.size() < allowance) {
      return now;
    }
    return Math.max(now, sent.newest(allowance - 1) + WINDOW.toNanos() + 1);
  }

  private long reserve(String owner, long slot, long now) {
    reservations.reserve(owner, slot);
    return slot - now;
  }

  /**
   * The earliest time a new request keeps every window within the allowance, counting requests sent
   * and requests reserved (at their due times), and queueing behind every reservation.
   */
  private long firstFreeSlot(long now) {
    long slot = Math.max(now, pausedUntil);
    slot = Math.max(slot, reservations.latest());
    if (sent.size() > 0) {
      slot = Math.max(slot, sent.newest(0));
    }
    long kth = reservations.kthNewest(allowance - 1, sent);
    return kth == Long.MIN_VALUE ? slot : Math.max(slot, kth + WINDOW.toNanos() + 1);
  }

  /**
   * Whether work that can wait (observing a connection's neighbours) may send one request now
   * without delaying anyone: nobody waits, no pause, and {@code reserve} requests stay free.
   */
  public synchronized boolean hasSpare(int reserve) {
    long now = nanoTime.getAsLong();
    forgetOld(now);
    // a reservation nobody came back for must not hold the spare work back for ever
    reservations.forgetOlderThan(now - FORGET.toNanos());
    return pausedUntil <= now
        && reservations.latest() == Long.MIN_VALUE
        && sent.size() + 1 + reserve <= allowance;
  }

  /** Omni answered 429 to a request of ours: the newest granted, as it is unknown which. */
  public synchronized void throttled(Duration retryAfter) {
    throttled(retryAfter, sent.size() > 0 ? sent.newest(0) : Long.MIN_VALUE);
  }

  /**
   * Omni answered 429 to the request granted at {@code grantedAt}: take a quarter off the allowance
   * (at most once per {@link #COOL_DOWN}, since the requests in flight at that moment all meet the
   * same counter, and never below half of it) and pause every caller. With a Retry-After, that long
   * (at most {@link #MAX_PAUSE}). Without one, Omni's window is full: as {@link ThrottleEvidence}
   * decides. Every 429 extends the pause as needed.
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
    evidence.refused(grantedAt, now);
    if (retryAfter != null) {
      if (!retryAfter.isNegative()) {
        // a Retry-After of hours would silence every resource: honour at most MAX_PAUSE of it
        Duration pause = retryAfter.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryAfter;
        pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
      }
      return;
    }
    pausedUntil = Math.max(pausedUntil, now + ThrottleEvidence.PAUSE_FLOOR.toNanos());
    evidence.windowFull(grantedAt, now);
    pausedUntil = evidence.decide(now, pausedUntil);
  }

  /**
   * Omni answered the request granted at {@code grantedAt} on its merits (not 429, not a 5xx): its
   * window had room when that request arrived.
   */
  synchronized void passed(long grantedAt) {
    evidence.passed(grantedAt);
    answered(grantedAt);
  }

  /**
   * The call of the request granted at {@code grantedAt} is over without a 429 (or it was never
   * sent): its answer can no longer show whether Omni's window had room.
   */
  synchronized void answered(long grantedAt) {
    long now = nanoTime.getAsLong();
    forgetOld(now);
    evidence.answered(grantedAt, now);
    pausedUntil = evidence.decide(now, pausedUntil);
  }

  private void forgetOld(long now) {
    sent.dropUpTo(now - WINDOW.toNanos());
    evidence.forgetUpTo(now - WINDOW.toNanos());
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
    reservations.unreserve(owner);
  }

  /** How many requests the window currently allows (less than R − 1 after a 429). */
  synchronized int allowance() {
    return allowance;
  }

  public int perMinute() {
    return perMinute;
  }
}
