package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;

/** The secret scan: which secret values show up in what the operator printed or wrote. */
final class LeakScan {
  private LeakScan() {}

  /** Kubernetes-side text the operator wrote: events, status messages, annotations. */
  static String kubernetesText(KubernetesClient k8s) {
    StringBuilder b = new StringBuilder();
    k8s.v1()
        .events()
        .inNamespace(Rig.NS)
        .list()
        .getItems()
        .forEach(e -> b.append(e.getReason()).append(' ').append(e.getMessage()).append('\n'));
    k8s.resources(OmniConnection.class)
        .inNamespace(Rig.NS)
        .list()
        .getItems()
        .forEach(
            r -> {
              b.append(r.getMetadata().getAnnotations()).append('\n');
              if (r.getStatus() != null) {
                b.append(Serialization.json(r.getStatus())).append('\n');
              }
            });
    return b.toString();
  }

  /** How many of {@code secrets} appear in {@code text}. */
  static int count(String text, Set<String> secrets) {
    int n = 0;
    for (String s : secrets) {
      if (text.contains(s)) {
        n++;
      }
    }
    return n;
  }

  /** Jackson serialisation through Fabric8's mapper. */
  private static final class Serialization {
    private Serialization() {}

    static String json(Object o) {
      return io.fabric8.kubernetes.client.utils.Serialization.asJson(o);
    }
  }
}
