package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.HashMap;

/**
 * Writes to the OmniConnection itself: the finalizer, the create-pending annotation and the status.
 * Each write puts the result in the operator's cache at once, so the next reconcile never sees a
 * stale copy (which could make it create a connection twice). Retries on 409 conflicts.
 */
final class ResourceWriter {
  private final Context<OmniConnection> ctx;

  ResourceWriter(Context<OmniConnection> ctx) {
    this.ctx = ctx;
  }

  OmniConnection setAnnotation(OmniConnection r, String key, String value) {
    KubernetesClient client = ctx.getClient();
    return PrimaryUpdateAndCacheUtils.updateAndCacheResource(
        r,
        ctx,
        current -> {
          OmniConnection copy = Json.copy(current, OmniConnection.class);
          var annotations =
              copy.getMetadata().getAnnotations() == null
                  ? new HashMap<String, String>()
                  : new HashMap<>(copy.getMetadata().getAnnotations());
          if (value == null) {
            annotations.remove(key);
          } else {
            annotations.put(key, value);
          }
          copy.getMetadata().setAnnotations(annotations);
          return copy;
        },
        modified -> client.resource(modified).update());
  }

  /**
   * Adds the operator's finalizer before anything is done in Omni, so a deletion always waits for
   * its cleanup. The reconcile goes on with the result in the same run.
   */
  OmniConnection addFinalizer(OmniConnection r) {
    if (r.hasFinalizer(OmniConnection.FINALIZER)) {
      return r;
    }
    KubernetesClient client = ctx.getClient();
    return PrimaryUpdateAndCacheUtils.updateAndCacheResource(
        r,
        ctx,
        current -> {
          OmniConnection copy = Json.copy(current, OmniConnection.class);
          copy.addFinalizer(OmniConnection.FINALIZER);
          return copy;
        },
        modified -> client.resource(modified).update());
  }

  /** Lets Kubernetes delete the resource: its cleanup in Omni is done. */
  void removeFinalizer(OmniConnection r) {
    PrimaryUpdateAndCacheUtils.removeFinalizer(ctx.getClient(), r, OmniConnection.FINALIZER);
  }

  OmniConnection writeStatus(OmniConnection r, OmniConnectionStatus status) {
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        r,
        ctx,
        current -> {
          OmniConnection copy = Json.copy(current, OmniConnection.class);
          copy.setStatus(status);
          return copy;
        });
  }
}
