package dev.gitops.omni.operator;

import java.time.Duration;

/**
 * What {@link RequestBudget} answers a caller: a request granted at {@code at} (the budget's clock)
 * when {@code delay} is zero; otherwise nothing was granted and {@code delay} says when to come
 * back.
 */
record BudgetGrant(Duration delay, long at) {
  boolean granted() {
    return delay.isZero();
  }
}
