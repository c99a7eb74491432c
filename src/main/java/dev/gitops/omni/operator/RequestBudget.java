package dev.gitops.omni.operator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * The Omni request budget of one API key: a Bucket4j token bucket shared by every reconcile. It
 * holds one request and refills the limit less one per minute, so no 60-second window can hold more
 * than the limit (burst + refill × 60 s ≤ limit) whatever way Omni counts, at 1 − 1/limit of its
 * pace. A request that finds the bucket empty is not parked: the caller learns how long to wait and
 * reschedules.
 */
public final class RequestBudget {
  private final Bucket bucket;
  private final int perMinute;
  private final long refillNanos;
  private long nextSlot = Long.MIN_VALUE / 2;

  public RequestBudget(int requestsPerMinute) {
    this.perMinute = requestsPerMinute;
    long burst = 1;
    long refill = Math.max(1, requestsPerMinute - burst);
    this.refillNanos = Duration.ofMinutes(1).toNanos() / refill;
    this.bucket =
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(burst)
                    .refillGreedy(refill, Duration.ofMinutes(1))
                    .initialTokens(burst)
                    .build())
            .build();
  }

  /**
   * Takes one request from the budget, or says when to come back. Callers held back are given
   * successive slots one refill apart, so they return one at a time instead of all at once.
   */
  public synchronized Duration tryAcquire() {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Duration.ZERO;
    }
    long now = System.nanoTime();
    long slot = Math.max(now + probe.getNanosToWaitForRefill(), nextSlot + refillNanos);
    nextSlot = slot;
    return Duration.ofNanos(slot - now);
  }

  public int perMinute() {
    return perMinute;
  }
}
