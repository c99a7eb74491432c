package dev.gitops.omni.operator;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace's labels, for ClusterOmniInstances that admit namespaces by selector: read with a GET
 * and kept for {@link #TTL}, so a relabelled namespace gains or loses access within it. Only asked
 * for when a selector is set; no watch on every namespace.
 */
final class NamespaceLabels {
  private static final Logger log = LoggerFactory.getLogger(NamespaceLabels.class);

  static final Duration TTL = Duration.ofSeconds(30);

  private record Read(Map<String, String> labels, Instant at) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  NamespaceLabels(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The labels of {@code namespace}; none when it cannot be read (a selector then denies). */
  Map<String, String> of(String namespace) {
    Instant now = clock.instant();
    Read r = reads.get(namespace);
    if (r != null && r.at().plus(TTL).isAfter(now)) {
      return r.labels();
    }
    Map<String, String> labels;
    try {
      Namespace ns = client.namespaces().withName(namespace).get();
      labels =
          ns == null || ns.getMetadata().getLabels() == null
              ? Map.of()
              : Map.copyOf(ns.getMetadata().getLabels());
    } catch (KubernetesClientException e) {
      log.warn(
          "cannot read namespace {} ({}): a ClusterOmniInstance selector denies it until the"
              + " operator may get namespaces",
          namespace,
          e.getCode());
      labels = Map.of();
    }
    reads.put(namespace, new Read(labels, now));
    return labels;
  }
}
