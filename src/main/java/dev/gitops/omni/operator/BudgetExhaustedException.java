package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import java.time.Duration;

/**
 * The operator's own request budget is spent: no request was sent. Retryable after {@link
 * #retryAfter()}.
 */
public class BudgetExhaustedException extends OmniApiException {
  public BudgetExhaustedException(Duration wait, int perMinute) {
    super(
        OmniFailure.RATE_LIMITED,
        0,
        "waiting for the operator's Omni request budget (" + perMinute + " requests/minute)",
        wait,
        null);
  }
}
