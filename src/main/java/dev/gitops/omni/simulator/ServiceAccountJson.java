package dev.gitops.omni.simulator;

/**
 * Checks a BigQuery {@code passwordUnencrypted} the way the reference describes: a service-account
 * JSON document with {@code type} = {@code service_account} and every listed key. The rule itself
 * is the operator's ({@link dev.gitops.omni.core.ServiceAccountJson}), so the simulator and the
 * operator can never disagree on it.
 */
final class ServiceAccountJson {
  /** Simulator-chosen detail: the reference does not give Omni's text for this case. */
  static final String INVALID = "Invalid service account JSON";

  private ServiceAccountJson() {}

  static boolean isValid(String value) {
    return value != null
        && !value.isBlank()
        && dev.gitops.omni.core.ServiceAccountJson.problem(value).isEmpty();
  }
}
