package dev.gitops.omni.operator;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster has the instance kinds and lets the operator read them. A cluster upgraded
 * without the new CRDs (Helm installs crds/ on install only) or RBAC keeps working on the command
 * line's instance, with a warning, instead of crash-looping (docs/tenancy.md).
 */
final class InstanceKinds {
  private static final Logger log = LoggerFactory.getLogger(InstanceKinds.class);

  /** Holds an instance's deletion while connections use it. */
  static final String IN_USE_FINALIZER = OmniConnection.GROUP + "/in-use";

  private InstanceKinds() {}

  /** Asked in the first watched namespace (every namespace when none is set). */
  static boolean installed(KubernetesClient client, java.util.Set<String> namespaces) {
    try {
      var one = new ListOptionsBuilder().withLimit(1L).build();
      var instances = client.resources(OmniInstance.class);
      if (namespaces.isEmpty()) {
        instances.inAnyNamespace().list(one);
      } else {
        instances.inNamespace(namespaces.iterator().next()).list(one);
      }
      client.resources(ClusterOmniInstance.class).list(one);
      return true;
    } catch (KubernetesClientException e) {
      log.warn(
          "OmniInstance and ClusterOmniInstance are not available (HTTP {}): every connection uses"
              + " the instance from --omni-url. Apply crds/ and the operator's RBAC from this"
              + " release to use them",
          e.getCode());
      return false;
    }
  }
}
