package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Instant;
import java.util.HashMap;
import java.util.function.UnaryOperator;

/**
 * {@link ResourceWrites} through the SDK: each write lands in the operator's cache at once, and a
 * 409 conflict is retried on a fresh copy.
 */
final class CachedResourceWrites implements ResourceWrites {
  private final Context<OmniConnection> ctx;

  CachedResourceWrites(Context<OmniConnection> ctx) {
    this.ctx = ctx;
  }

  @Override
  public OmniConnection markCreatePending(OmniConnection r, Instant at) {
    return update(
        r,
        copy -> {
          copy.addFinalizer(OmniConnection.FINALIZER);
          return annotate(copy, at.toString());
        });
  }

  @Override
  public OmniConnection clearCreatePending(OmniConnection r) {
    return update(r, copy -> annotate(copy, null));
  }

  @Override
  public OmniConnection addFinalizer(OmniConnection r) {
    if (r.hasFinalizer(OmniConnection.FINALIZER)) {
      return r;
    }
    return update(
        r,
        copy -> {
          copy.addFinalizer(OmniConnection.FINALIZER);
          return copy;
        });
  }

  @Override
  public void removeFinalizer(OmniConnection r) {
    PrimaryUpdateAndCacheUtils.removeFinalizer(ctx.getClient(), r, OmniConnection.FINALIZER);
  }

  @Override
  public OmniConnection writeStatus(OmniConnection r, OmniConnectionStatus status) {
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        r,
        ctx,
        current -> {
          OmniConnection copy = Json.copy(current, OmniConnection.class);
          copy.setStatus(status);
          return copy;
        });
  }

  private OmniConnection update(OmniConnection r, UnaryOperator<OmniConnection> change) {
    KubernetesClient client = ctx.getClient();
    return PrimaryUpdateAndCacheUtils.updateAndCacheResource(
        r,
        ctx,
        current -> change.apply(Json.copy(current, OmniConnection.class)),
        modified -> client.resource(modified).update());
  }

  private static OmniConnection annotate(OmniConnection copy, String mark) {
    var annotations =
        copy.getMetadata().getAnnotations() == null
            ? new HashMap<String, String>()
            : new HashMap<>(copy.getMetadata().getAnnotations());
    if (mark == null) {
      annotations.remove(OmniConnection.CREATE_PENDING_ANNOTATION);
    } else {
      annotations.put(OmniConnection.CREATE_PENDING_ANNOTATION, mark);
    }
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }
}
