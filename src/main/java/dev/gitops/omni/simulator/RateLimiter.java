package dev.gitops.omni.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A strict per-token sliding-window log: a token may make at most {@code limit} requests in ANY
 * window of the configured length. Rejected requests are not logged, so they do not count against
 * the window. A limit of 0 means unlimited. No bursts above the limit, no refill arithmetic: this
 * is stricter than a token bucket, like the real service that also answered 429 below its nominal
 * rate.
 */
final class RateLimiter {
  private final Map<String, Deque<Long>> logs = new ConcurrentHashMap<>();
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private volatile int limit;

  RateLimiter(int limit, Duration window, LongSupplier nanoTime) {
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
    setLimit(limit);
  }

  void setLimit(int newLimit) {
    if (newLimit < 0) {
      throw new IllegalArgumentException("rate limit must be >= 0: " + newLimit);
    }
    limit = newLimit;
  }

  int limit() {
    return limit;
  }

  /** Records a request for {@code token} and returns true, or returns false when over the limit. */
  boolean tryAcquire(String token) {
    int max = limit;
    if (max == 0) {
      return true;
    }
    Deque<Long> log = logs.computeIfAbsent(token, t -> new ArrayDeque<>());
    synchronized (log) {
      long now = nanoTime.getAsLong();
      while (!log.isEmpty() && now - log.peekFirst() >= windowNanos) {
        log.pollFirst();
      }
      if (log.size() >= max) {
        return false;
      }
      log.addLast(now);
      return true;
    }
  }
}
