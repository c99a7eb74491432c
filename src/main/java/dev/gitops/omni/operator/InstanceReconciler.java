package dev.gitops.omni.operator;

import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.model.OmniInstanceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JOSDK glue of both instance kinds: the finalizer that holds a deletion while connections use
 * the instance (the SDK adds it, {@link #cleanup} decides), the status write, and reconciles when
 * the key's Secret changes. The work is {@link InstanceSync}'s.
 */
abstract class InstanceReconciler<
        T extends CustomResource<? extends InstanceSettings, OmniInstanceStatus>>
    implements Reconciler<T>, Cleaner<T> {
  /** {@code namespace/name} of the Secret holding an instance's key. */
  static final String BY_TOKEN_SECRET = "token-secret";

  private final InstanceSync sync;
  private final ReferencedSecrets secrets;

  InstanceReconciler(InstanceSync sync, ReferencedSecrets secrets) {
    this.sync = sync;
    this.secrets = secrets;
  }

  /** Which instance {@code r} is. */
  abstract InstanceId id(T r);

  /** The namespace of {@code r}'s key Secret. */
  abstract String tokenNamespace(T r);

  @Override
  public List<EventSource<?, T>> prepareEventSources(EventSourceContext<T> ctx) {
    var cache = ctx.getPrimaryCache();
    cache.addIndexers(Map.of(BY_TOKEN_SECRET, r -> List.of(tokenSecret(r))));
    TriggerEvents<T> rotations = new TriggerEvents<>("token-secrets");
    secrets.addListener(
        key ->
            cache.byIndex(BY_TOKEN_SECRET, key).stream()
                .map(ResourceID::fromResource)
                .forEach(rotations::trigger));
    return List.of(rotations);
  }

  private String tokenSecret(T r) {
    var ref = r.getSpec() == null ? null : r.getSpec().tokenSecretRef;
    return ref == null ? "" : tokenNamespace(r) + "/" + ref.name;
  }

  @Override
  public UpdateControl<T> reconcile(T r, Context<T> ctx) {
    InstanceSync.Result result =
        sync.sync(
            id(r),
            r.getSpec(),
            tokenNamespace(r),
            generation(r),
            r.getStatus(),
            (ns, name) ->
                Optional.ofNullable(
                    ctx.getClient().secrets().inNamespace(ns).withName(name).get()));
    UpdateControl<T> control;
    if (Json.same(result.status(), r.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      r.setStatus(result.status());
      control = UpdateControl.patchStatus(r);
    }
    return result.requeue() == null ? control : control.rescheduleAfter(result.requeue());
  }

  @Override
  public DeleteControl cleanup(T r, Context<T> ctx) {
    Optional<InstanceSync.Result> held = sync.deleting(id(r), generation(r), r.getStatus());
    if (held.isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    OmniInstanceStatus status = held.get().status();
    if (!Json.same(status, r.getStatus())) {
      try {
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
            r,
            ctx,
            current -> {
              @SuppressWarnings("unchecked")
              T copy = Json.copy(current, (Class<T>) current.getClass());
              copy.setStatus(status);
              return copy;
            });
      } catch (KubernetesClientException e) {
        // gone or changed meanwhile: the next look writes it
      }
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(held.get().requeue());
  }

  private static long generation(CustomResource<?, ?> r) {
    Long g = r.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
