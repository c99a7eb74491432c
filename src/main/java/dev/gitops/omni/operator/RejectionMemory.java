package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.model.OmniConnection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inputs Omni last rejected for good, per resource, so the same request is not sent again until
 * something the user controls changes (status.failedInputs holds the same fingerprint).
 */
final class RejectionMemory {
  private record Rejection(String inputs, Outcome outcome) {}

  private final Map<String, Rejection> rejected = new ConcurrentHashMap<>();

  /** Which API key the instance sends (its Secret's version; empty for the command line's). */
  private volatile String keyVersion = "";

  /**
   * The instance sends the key of this Secret version from now on: a 401 or 403 may not hold for
   * it, so the inputs it rejected are tried again once.
   */
  void keyIs(String version) {
    keyVersion = version == null ? "" : version;
  }

  /** {@link #fingerprint(OmniConnection, Map)} with the instance's key version, when it has one. */
  String fingerprintOf(OmniConnection r, Map<String, String> credentialVersions) {
    String inputs = fingerprint(r, credentialVersions);
    return keyVersion.isEmpty() ? inputs : inputs + ";key=" + keyVersion;
  }

  /**
   * What a terminal failure was computed from: generation, Secret versions and annotations (not
   * their values' secrets: annotation values are not secret). A change to any of them retries.
   */
  static String fingerprint(OmniConnection r, Map<String, String> credentialVersions) {
    Map<String, String> annotations =
        new TreeMap<>(
            r.getMetadata().getAnnotations() == null ? Map.of() : r.getMetadata().getAnnotations());
    annotations.remove(OmniConnection.CREATE_PENDING_ANNOTATION);
    annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
    return "generation="
        + r.getMetadata().getGeneration()
        + ";secrets="
        + new TreeMap<>(credentialVersions)
        + ";annotations="
        + Integer.toHexString(annotations.hashCode());
  }

  /** The outcome reported when these inputs were rejected, if they were. */
  Optional<Outcome> recall(String key, String fingerprint) {
    Rejection r = rejected.get(key);
    return r != null && r.inputs().equals(fingerprint)
        ? Optional.of(r.outcome())
        : Optional.empty();
  }

  void remember(String key, String fingerprint, Outcome outcome) {
    rejected.put(key, new Rejection(fingerprint, outcome));
  }

  void forget(String key) {
    rejected.remove(key);
  }
}
