package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK glue: event sources (Secrets, Omni's shared list), and for each event either the
 * reconcile ({@link ConnectionReconcile}) or the cleanup of a deleted resource ({@link
 * ConnectionCleanup}). It handles the finalizer itself
 * (docs/decisions/0003-finalizer-in-reconciler.md).
 */
public class OmniConnectionReconciler implements Reconciler<OmniConnection> {
  private static final Logger log = LoggerFactory.getLogger(OmniConnectionReconciler.class);

  private final OperatorParts parts;

  /**
   * Uids whose finalizer this operator removed. On a real API server a reconcile queued before the
   * removal can still run on the informer's older copy, finalizer included: without this it
   * reported the connection it had just archived as "Orphaned" and failed on a 404. Keyed by name,
   * holding the uid, so a resource created again under the same name is cleaned up when its turn
   * comes; cleared by the name's delete event.
   */
  private final Map<ResourceID, String> finalized = new ConcurrentHashMap<>();

  private volatile InformerEventSource<Secret, OmniConnection> secrets;
  private final ReferencedSecrets secretStore = new ReferencedSecrets();

  /** Secrets per page of the informer's list. */
  static final long SECRET_LIST_PAGE = 500;

  private final java.util.concurrent.atomic.AtomicBoolean trimming =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile OmniPoller poller;

  OmniConnectionReconciler(OperatorParts parts) {
    this.parts = parts;
  }

  @Override
  public List<EventSource<?, OmniConnection>> prepareEventSources(
      EventSourceContext<OmniConnection> ctx) {
    Indexes.register(ctx.getPrimaryCache());
    var secretConfig =
        InformerEventSourceConfiguration.from(Secret.class, OmniConnection.class)
            .withName("secrets")
            .withNamespacesInheritedFromController()
            // only the Secrets OmniConnections reference are held whole, and the first list comes
            // in pages, each trimmed as it is stored
            .withItemStore(secretStore)
            .withInformerListLimit(SECRET_LIST_PAGE)
            .withSecondaryToPrimaryMapper(
                s ->
                    Indexes.resources(
                            ctx.getPrimaryCache(),
                            Indexes.BY_SECRET,
                            s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                        .collect(Collectors.toSet()))
            .build();
    secrets = new InformerEventSource<>(secretConfig, ctx);
    poller = parts.poller(ctx.getPrimaryCache());
    return List.of(secrets, poller);
  }

  private CredentialResolver credentials(Context<OmniConnection> ctx) {
    return new CredentialResolver(
        (ns, name) -> {
          if (!secretStore.isTrimmed(ns, name)) {
            return secrets.get(new ResourceID(name, ns));
          }
          // newly referenced since its last event: read it once, then the informer keeps it
          Secret whole = ctx.getClient().secrets().inNamespace(ns).withName(name).get();
          if (whole != null) {
            secretStore.fill(whole);
          }
          return Optional.ofNullable(whole);
        });
  }

  private ReconcileIo io(OmniConnection r, Context<OmniConnection> ctx) {
    return new ReconcileIo(
        parts.omni().chargedTo(PlanInputCollector.key(r)),
        new CachedResourceWrites(ctx),
        Indexes.over(ctx.getPrimaryCache()));
  }

  @Override
  public UpdateControl<OmniConnection> reconcile(OmniConnection r, Context<OmniConnection> ctx) {
    Startup.firstReconcile();
    if (trimming.compareAndSet(false, true)) {
      // the OmniConnections are all known now: drop the data of Secrets none of them references
      var cache = ctx.getPrimaryCache();
      secretStore.trimUnreferenced(key -> !cache.byIndex(Indexes.BY_SECRET, key).isEmpty());
    }
    if (poller != null) {
      // only a replica that reconciles (the leader) polls Omni
      poller.activate();
    }
    if (ctx.isPrimaryResourceDeleted()) {
      ResourceID id = ResourceID.fromResource(r);
      finalized.remove(id);
      forget(r);
      if (ctx.getPrimaryCache().get(id).isPresent() && poller != null) {
        // deleted and created again under the same name: the SDK hands the new copy over with
        // the old one's delete event and then drops the new one's own event
        poller.reconcileSoon(id);
      }
      nudgeConflictLosers(ctx, id);
      return UpdateControl.noUpdate();
    }
    if (r.isMarkedForDeletion()) {
      return delete(r, ctx);
    }
    boolean specEdited =
        r.getStatus() != null
            && r.getStatus().connectionId != null
            && !Objects.equals(r.getMetadata().getGeneration(), r.getStatus().observedGeneration);
    Step step = parts.reconcile().run(r, credentials(ctx), io(r, ctx));
    parts.metrics().resourceState(PlanInputCollector.key(r), Outcomes.stateName(step.outcome()));
    if (specEdited) {
      // a managed resource renamed or repointed may free the connection another one lost
      nudgeConflictLosers(ctx, ResourceID.fromResource(r));
    }
    log.debug(
        "{}: {} {}", PlanInputCollector.key(r), step.outcome().reason(), step.outcome().message());
    UpdateControl<OmniConnection> control = UpdateControl.noUpdate();
    if (step.requeue() != null) {
      control.rescheduleAfter(step.requeue().isZero() ? Duration.ofMillis(1) : step.requeue());
    }
    return control;
  }

  /** Reconciles the losers of a Conflict again soon: see {@link ConflictLosers}. */
  private void nudgeConflictLosers(Context<OmniConnection> ctx, ResourceID changed) {
    if (poller != null) {
      ConflictLosers.in(ctx.getPrimaryCache(), changed).forEach(poller::reconcileSoon);
    }
  }

  private UpdateControl<OmniConnection> delete(OmniConnection r, Context<OmniConnection> ctx) {
    if (!r.hasFinalizer(OmniConnection.FINALIZER) || alreadyFinalized(r)) {
      forget(r);
      return UpdateControl.noUpdate();
    }
    // a resource on its way out no longer counts as Ready (or anything else)
    parts.metrics().resourceState(PlanInputCollector.key(r), null);
    ReconcileIo io = io(r, ctx);
    Optional<Duration> retry = parts.cleanup().cleanup(r, io);
    if (retry.isPresent()) {
      return UpdateControl.<OmniConnection>noUpdate().rescheduleAfter(retry.get());
    }
    try {
      io.writes().removeFinalizer(r);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // already gone: someone (or an earlier run of ours) removed the last finalizer
    }
    if (r.getMetadata().getUid() != null) {
      finalized.put(ResourceID.fromResource(r), r.getMetadata().getUid());
    }
    forget(r);
    return UpdateControl.noUpdate();
  }

  private boolean alreadyFinalized(OmniConnection r) {
    String uid = r.getMetadata().getUid();
    return uid != null && uid.equals(finalized.get(ResourceID.fromResource(r)));
  }

  /** Drops what the operator kept about a resource that is gone. */
  private void forget(OmniConnection r) {
    String key = PlanInputCollector.key(r);
    parts.metrics().resourceState(key, null);
    parts.rejections().forget(key);
    parts.omni().release(key);
    parts.events().forget(r);
  }
}
