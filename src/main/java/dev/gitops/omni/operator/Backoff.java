package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-resource exponential backoff with full jitter for retryable failures, capped at a few
 * minutes. A success resets it.
 */
final class Backoff {
  static final Duration BASE = Duration.ofSeconds(2);
  static final Duration CAP = Duration.ofMinutes(3);

  /**
   * The cap after a 429 without Retry-After: Omni counts requests per minute, so by then its window
   * has room again, and the key-wide pause ({@link RequestBudget}) already spaces the retries. A
   * run of 429 bursts grew a resource's backoff past two minutes while the rest of its key had long
   * recovered (the fault soak found it).
   */
  static final Duration RATE_LIMITED_CAP = RequestBudget.WINDOW;

  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  /** The delay before the next try, honouring {@code retryAfter} when the server sent one. */
  Duration next(String key, Duration retryAfter) {
    return next(key, retryAfter, CAP);
  }

  /** As {@link #next(String, Duration)}, with the exponential delay capped at {@code cap}. */
  Duration next(String key, Duration retryAfter, Duration cap) {
    int n = attempts.merge(key, 1, Integer::sum);
    if (retryAfter != null && !retryAfter.isZero()) {
      // our own budget or Omni's Retry-After: wait that long, plus a little spread
      long spreadMs = Math.min(1000L * n, 5000L);
      return retryAfter.plusMillis(ThreadLocalRandom.current().nextLong(spreadMs + 1));
    }
    long ceiling = Math.min(cap.toMillis(), BASE.toMillis() << Math.min(n - 1, 16));
    long ms = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    return Duration.ofMillis(ms);
  }

  void reset(String key) {
    attempts.remove(key);
  }
}
