package dev.gitops.omni.operator;

import java.time.Duration;

/**
 * Every timeout of the operator in one place; {@code run}, the sandbox and the tests take {@link
 * #DEFAULTS} and change only what they must.
 *
 * @param omniConnect connecting to Omni
 * @param omniRead waiting for Omni's answer (a POST that times out may still be stored: see
 *     docs/decisions/0005-create-pending-mark.md)
 * @param createListMaxAge the oldest Omni list a create may decide on
 * @param createSettle how long after a lost create's answer Omni's list gets to show it, before the
 *     create may be tried again
 * @param stopDrain how long a stop waits for reconciles in flight to finish their Omni call and
 *     status (below Kubernetes' default 30 s grace period)
 */
public record Timeouts(
    Duration omniConnect,
    Duration omniRead,
    Duration createListMaxAge,
    Duration createSettle,
    Duration stopDrain) {

  public static final Timeouts DEFAULTS =
      new Timeouts(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          Duration.ofSeconds(25));
}
