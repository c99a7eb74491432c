package dev.gitops.omni.cli;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.sandbox.Manifest;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator recorded in a cluster for the OmniConnections in the files: their status (bound
 * connection id, applied settings, the credentials it sent), read once by {@code plan} so a
 * resource the operator already manages is planned as the operator would plan it, not as an
 * adoption. One GET per resource; never a write, never a Secret.
 */
final class ClusterStatus {
  private ClusterStatus() {}

  /** The namespace of the kubeconfig's current context, else {@code default}. */
  static String contextNamespace(Path kubeconfig) {
    if (!Files.isReadable(kubeconfig)) {
      throw new UsageException(
          "--kubeconfig " + kubeconfig + ": no such file (or --no-cluster to plan from the files)");
    }
    String ns = Config.fromKubeconfig(kubeconfig.toFile()).getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  /** The status by {@code namespace/name}; a resource not in the cluster (yet) is absent. */
  static Map<String, OmniConnectionStatus> read(Path kubeconfig, List<Manifest> connections) {
    if (!Files.isReadable(kubeconfig)) {
      throw new UsageException(
          "--kubeconfig " + kubeconfig + ": no such file (or --no-cluster to plan from the files)");
    }
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    config.setRequestTimeout(10_000);
    config.setConnectionTimeout(5_000);
    config.setRequestRetryBackoffLimit(0);
    Map<String, OmniConnectionStatus> out = new HashMap<>();
    try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
      for (Manifest m : connections) {
        OmniConnection live =
            client
                .resources(OmniConnection.class)
                .inNamespace(m.namespace())
                .withName(m.name())
                .get();
        if (live != null && live.getStatus() != null && live.getStatus().connectionId != null) {
          out.put(ManifestPlanner.key(m), live.getStatus());
        }
      }
    } catch (KubernetesClientException e) {
      throw new UsageException(
          "cannot read OmniConnections from the cluster in "
              + kubeconfig
              + " ("
              + (e.getCode() > 0 ? "HTTP " + e.getCode() : firstLine(e))
              + "): check the context and your rights, or use --no-cluster to plan from the files");
    }
    return out;
  }

  private static String firstLine(Exception e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
