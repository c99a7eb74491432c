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
 * documented), {@link #throttled} takes a quarter off the allowance, down to half of it, and
 * honours Retry-After; each clean window afterwards gives back a quarter of the full allowance.
 */
public final class RequestBudget {
  /** Omni's minute plus a second of slack for jitter. */
  public static final Duration WINDOW = Duration.ofSeconds(61);

  /** The longest Retry-After the budget honours for everyone. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  /** 429s closer together than this count as one. */
  static final Duration COOL_DOWN = Duration.ofSeconds(10);

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
  public synchronized Duration tryAcquire(String owner, boolean ahead) {
    long now = nanoTime.getAsLong();
    recover(now);
    sent.dropUpTo(now - WINDOW.toNanos());
    Long due = owner == null ? null : reservations.get(owner);
    if (due != null) {
      long wait = Math.max(due, pausedUntil) - now;
      if (wait > 0) {
        return Duration.ofNanos(wait);
      }
      long free = windowFreeAt(now);
      if (free <= now) {
        unreserve(owner);
        sent.add(now);
        return Duration.ZERO;
      }
      // the requests before it went out a little later than planned: keep its place at the front
      return reserve(owner, free, now);
    }
    long slot = ahead ? Math.max(windowFreeAt(now), pausedUntil) : firstFreeSlot(now);
    if (slot <= now) {
      sent.add(now);
      return Duration.ZERO;
    }
    if (owner == null) {
      return Duration.ofNanos(slot - now);
    }
    forgetStale(now);
    return reserve(owner, slot, now);
  }

  /** When the requests really sent leave room for one more (now, or when the oldest leaves). */
  private long windowFreeAt(long now) {
    if (sent.size() < allowance) {
      return now;
    }
    return Math.max(now, sent.newest(allowance - 1) + WINDOW.toNanos() + 1);
  }

  private Duration reserve(String owner, long slot, long now) {
    unreserve(owner);
    reservations.put(owner, slot);
    pending.merge(slot, 1, Integer::sum);
    return Duration.ofNanos(slot - now);
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
   * Omni answered 429: take a quarter off the allowance (at most once per {@link #COOL_DOWN}, since
   * the requests in flight at that moment all meet the same counter, and never below half of it)
   * and, when Omni said how long, send nothing before then.
   */
  public synchronized void throttled(Duration retryAfter) {
    long now = nanoTime.getAsLong();
    if (lastThrottled == null || now - lastThrottled >= COOL_DOWN.toNanos()) {
      allowance = Math.max(Math.max(1, fullAllowance / 2), allowance * 3 / 4);
      lastThrottled = now;
      lastAdjusted = now;
    }
    if (retryAfter != null && !retryAfter.isNegative()) {
      // a Retry-After of hours would silence every resource: honour at most MAX_PAUSE of it
      Duration pause = retryAfter.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryAfter;
      pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
    }
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
