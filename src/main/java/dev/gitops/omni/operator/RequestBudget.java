package dev.gitops.omni.operator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Omni request budget of one API key: a Bucket4j token bucket shared by every reconcile. It
 * holds one request and refills R − 1 − max(1, R/60) per minute, so no 60-second window can hold
 * more than the limit R (burst + refill × 60 s < R) whatever way Omni counts, with about a second
 * of slack for network jitter (58 of 60 per minute at Omni's default).
 *
 * <p>A caller that finds the bucket empty is not parked: its request is reserved (the bucket goes
 * into debt) and it learns when to come back. The reservation is kept for that caller ("owner",
 * e.g. a resource's key), so coming back early or late never loses its place, and held-back callers
 * are served in the order they asked. A reservation is never used before it is due, which keeps the
 * bound exact.
 */
public final class RequestBudget {
  /** A reservation nobody came back for within this long is forgotten (its request is lost). */
  static final Duration FORGET = Duration.ofMinutes(2);

  private final Bucket bucket;
  private final int perMinute;
  private final Map<String, Long> reservations = new HashMap<>();

  public RequestBudget(int requestsPerMinute) {
    this.perMinute = requestsPerMinute;
    // one request of burst, and a second of slack per 60 requests/minute so that a second of
    // network jitter between us and Omni's counter cannot push a window over the limit
    long slack = Math.max(1, requestsPerMinute / 60);
    long refill = Math.max(1, requestsPerMinute - 1 - slack);
    this.bucket =
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(1)
                    .refillGreedy(refill, Duration.ofMinutes(1))
                    .initialTokens(1)
                    .build())
            .build();
  }

  /** Takes one request for an anonymous caller (no reservation kept). */
  public Duration tryAcquire() {
    return tryAcquire(null);
  }

  /**
   * Takes one request for {@code owner}: zero when it may go now, otherwise how long until its
   * reserved request is due.
   */
  public synchronized Duration tryAcquire(String owner) {
    long now = System.nanoTime();
    Long due = owner == null ? null : reservations.get(owner);
    if (due != null) {
      if (due <= now) {
        reservations.remove(owner);
        return Duration.ZERO;
      }
      return Duration.ofNanos(due - now);
    }
    if (owner == null) {
      var probe = bucket.tryConsumeAndReturnRemaining(1);
      return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
    if (bucket.tryConsume(1)) {
      return Duration.ZERO;
    }
    long wait = bucket.consumeIgnoringRateLimits(1);
    forgetStale(now);
    reservations.put(owner, now + wait);
    return Duration.ofNanos(Math.max(1, wait));
  }

  /** Drops an owner's reservation (the resource is gone). */
  public synchronized void release(String owner) {
    reservations.remove(owner);
  }

  private void forgetStale(long now) {
    reservations.values().removeIf(due -> now - due > FORGET.toNanos());
  }

  public int perMinute() {
    return perMinute;
  }
}
