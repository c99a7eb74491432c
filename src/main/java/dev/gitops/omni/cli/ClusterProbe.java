package dev.gitops.omni.cli;

import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;

/**
 * One list of OmniConnections (limit 1) before the operator starts, so what stops it is said in one
 * line naming the fix — no cluster, a rejected token, missing RBAC, no CRD — instead of the SDK's
 * informer failing with a stack trace per retry and "Error starting operator".
 */
final class ClusterProbe {
  private ClusterProbe() {}

  static void check(KubernetesClient k8s, Set<String> namespaces) {
    String api = k8s.getConfiguration().getMasterUrl();
    String scope =
        namespaces.isEmpty() ? "all namespaces" : "namespace " + namespaces.iterator().next();
    try {
      var connections = k8s.resources(OmniConnection.class);
      var limit1 = new ListOptionsBuilder().withLimit(1L).build();
      if (namespaces.isEmpty()) {
        connections.inAnyNamespace().list(limit1);
      } else {
        connections.inNamespace(namespaces.iterator().next()).list(limit1);
      }
    } catch (KubernetesClientException e) {
      throw new UsageException(
          switch (e.getCode()) {
            case 401 ->
                "the Kubernetes API at "
                    + api
                    + " rejected the credentials (401): check the kubeconfig, or the pod's"
                    + " ServiceAccount token";
            case 403 ->
                "the operator may not list omniconnections in "
                    + scope
                    + " (403 from "
                    + api
                    + "): apply the RBAC in deploy/, or install the chart with rbac.create=true";
            case 404 ->
                "the OmniConnection CRD is not installed in the cluster at "
                    + api
                    + ": kubectl apply --server-side -f crds/";
            default ->
                "cannot reach the Kubernetes API at "
                    + api
                    + " ("
                    + cause(e)
                    + "): set KUBECONFIG, or run the operator in a pod";
          });
    }
  }

  private static String cause(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // the message, not the exception's class: "Connection refused", not "ConnectException: ..."
    String m = root.getMessage() == null ? "no answer" : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
