package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;
import java.util.Map;

/**
 * What a failed Omni call leads to: a wait for the request budget, a retry with backoff (honouring
 * Retry-After, docs/decisions/0002-backoff-retry-after.md), or Stalled until an input changes.
 */
final class FailurePolicy {
  /** How long after its reserved request is due a budget-held resource comes back. */
  static final Duration AFTER_RESERVATION = Duration.ofMillis(20);

  private final Backoff backoff;
  private final RejectionMemory rejections;
  private final Events events;

  FailurePolicy(Backoff backoff, RejectionMemory rejections, Events events) {
    this.backoff = backoff;
    this.rejections = rejections;
    this.events = events;
  }

  /**
   * The step for a failure of {@code r}'s reconcile.
   *
   * @param credentialVersions the versions of the Secrets the call was made with
   */
  Step failed(
      OmniConnection r,
      OmniConnectionStatus status,
      OmniApiException e,
      Map<String, String> credentialVersions) {
    String key = PlanInputCollector.key(r);
    if (e instanceof BudgetExhaustedException) {
      // nothing was sent: come back just after the request the budget reserved for it is due
      Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1)).plus(AFTER_RESERVATION);
      return new Step(r, status, Outcomes.budgetWait(e.detail()), wait);
    }
    Outcome outcome = Outcomes.failed(e.kind(), e.getMessage());
    boolean retrying = outcome.state() == Outcome.State.RETRYING;
    // a terminal failure's event says what to do, as its condition does
    events.warning(r, outcome.reason(), retrying ? e.getMessage() : outcome.message());
    if (retrying) {
      return new Step(r, status, outcome, retryDelay(key, e));
    }
    status.failedInputs = rejections.fingerprintOf(r, credentialVersions);
    rejections.remember(key, status.failedInputs, outcome);
    return new Step(r, status, outcome, null);
  }

  /** A reconcile that did not fail starts its next backoff from the beginning. */
  void succeeded(OmniConnection r) {
    backoff.reset(PlanInputCollector.key(r));
  }

  /** How long a deletion whose archive failed waits before trying again. */
  Duration cleanupRetry(OmniConnection r, OmniApiException e, Duration pollInterval) {
    return e.retryable() ? retryDelay(PlanInputCollector.key(r), e) : pollInterval;
  }

  /** The backoff before retrying after {@code e}; a 429's is capped at Omni's minute. */
  private Duration retryDelay(String key, OmniApiException e) {
    Duration cap = e.kind() == OmniFailure.RATE_LIMITED ? Backoff.RATE_LIMITED_CAP : Backoff.CAP;
    return backoff.next(key, e.retryAfter().orElse(null), cap);
  }
}
