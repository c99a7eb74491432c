package dev.gitops.omni.operator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * The Omni request budget of one API key: a Bucket4j token bucket shared by every reconcile. Its
 * burst is small and its refill slightly below the limit, so that no 60-second window can hold more
 * than the limit (burst + refill × 60 s ≤ limit), which keeps the operator under Omni's limit
 * whatever way Omni counts. A request that finds the bucket empty is not parked: the caller learns
 * how long to wait and reschedules.
 */
public final class RequestBudget {
  private final Bucket bucket;
  private final int perMinute;

  public RequestBudget(int requestsPerMinute) {
    this.perMinute = requestsPerMinute;
    long burst = Math.max(1, requestsPerMinute / 30);
    long refill = Math.max(1, requestsPerMinute - burst);
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

  /** Takes one request from the budget, or says how long until one is free. */
  public Duration tryAcquire() {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  public int perMinute() {
    return perMinute;
  }
}
