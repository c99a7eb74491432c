package dev.gitops.omni.operator;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The operator's settings, read once in {@code main} (flags and environment) and passed down.
 * Nothing below {@code main} reads the environment.
 *
 * @param omniUrl the Omni instance URL, e.g. https://myorg.omniapp.co
 * @param apiPrefix {@code v1} (default) or {@code unstable}
 * @param token the Omni API key
 * @param namespaces namespaces to watch; empty = all
 * @param pollInterval how often the shared Omni list is refreshed to find drift
 * @param defaultDeletionPolicy used when a resource sets no spec.deletionPolicy
 * @param requestsPerMinute the Omni request budget per API key
 * @param reconcileThreads concurrent reconciles
 * @param timeouts every timeout, see {@link Timeouts}
 */
public record OperatorConfig(
    URI omniUrl,
    String apiPrefix,
    SecretValue token,
    Set<String> namespaces,
    Duration pollInterval,
    DeletionPolicy defaultDeletionPolicy,
    int requestsPerMinute,
    int reconcileThreads,
    Timeouts timeouts) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 60;

  public OperatorConfig {
    if (!"v1".equals(apiPrefix) && !"unstable".equals(apiPrefix)) {
      throw new IllegalArgumentException("API prefix must be v1 or unstable, not " + apiPrefix);
    }
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("the rate limit must be at least 1 request per minute");
    }
    namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
  }

  /** A configuration with the documented defaults, for tests and the sandbox. */
  public static OperatorConfig defaults(URI omniUrl, SecretValue token) {
    return new OperatorConfig(
        omniUrl,
        "v1",
        token,
        Set.of(),
        DEFAULT_POLL_INTERVAL,
        DeletionPolicy.Orphan,
        DEFAULT_REQUESTS_PER_MINUTE,
        10,
        Timeouts.DEFAULTS);
  }

  /** The same settings for another Omni instance: its URL, API prefix and key. */
  public OperatorConfig withOmni(URI url, String prefix, SecretValue key) {
    return new OperatorConfig(
        url,
        prefix,
        key,
        namespaces,
        pollInterval,
        defaultDeletionPolicy,
        requestsPerMinute,
        reconcileThreads,
        timeouts);
  }

  public OperatorConfig withPollInterval(Duration d) {
    return new OperatorConfig(
        omniUrl,
        apiPrefix,
        token,
        namespaces,
        d,
        defaultDeletionPolicy,
        requestsPerMinute,
        reconcileThreads,
        timeouts);
  }

  public OperatorConfig withRequestsPerMinute(int r) {
    return new OperatorConfig(
        omniUrl,
        apiPrefix,
        token,
        namespaces,
        pollInterval,
        defaultDeletionPolicy,
        r,
        reconcileThreads,
        timeouts);
  }

  public OperatorConfig withApiPrefix(String p) {
    return new OperatorConfig(
        omniUrl,
        p,
        token,
        namespaces,
        pollInterval,
        defaultDeletionPolicy,
        requestsPerMinute,
        reconcileThreads,
        timeouts);
  }

  public OperatorConfig withTimeouts(Timeouts t) {
    return new OperatorConfig(
        omniUrl,
        apiPrefix,
        token,
        namespaces,
        pollInterval,
        defaultDeletionPolicy,
        requestsPerMinute,
        reconcileThreads,
        t);
  }

  public OperatorConfig withNamespaces(Set<String> ns) {
    return new OperatorConfig(
        omniUrl,
        apiPrefix,
        token,
        ns,
        pollInterval,
        defaultDeletionPolicy,
        requestsPerMinute,
        reconcileThreads,
        timeouts);
  }

  @Override
  public String toString() {
    return "OperatorConfig[omniUrl="
        + omniUrl
        + ", apiPrefix="
        + apiPrefix
        + ", namespaces="
        + (namespaces.isEmpty() ? "all" : namespaces)
        + ", pollInterval="
        + pollInterval
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", defaultDeletionPolicy="
        + defaultDeletionPolicy
        + "]";
  }
}
