package dev.gitops.omni.operator;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK glue: event sources ({@link ConnectionEventSources}), the instance each resource is
 * managed through ({@link InstanceAccess}), and for each event either the reconcile ({@link
 * ConnectionReconcile}) or the cleanup of a deleted resource ({@link ConnectionCleanup}) on that
 * instance's units. It handles the finalizer itself
 * (docs/decisions/0003-finalizer-in-reconciler.md).
 */
public class OmniConnectionReconciler implements Reconciler<OmniConnection> {
  private static final Logger log = LoggerFactory.getLogger(OmniConnectionReconciler.class);

  private final InstanceRuntimes runtimes;
  private final InstanceAccess access;
  private final InstanceRefusal refusals;
  private final ReferencedSecrets secretStore;
  private final NamespaceLabels namespaceLabels;
  private final boolean withInstances;

  /**
   * Uids whose finalizer this operator removed. On a real API server a reconcile queued before the
   * removal can still run on the informer's older copy, finalizer included: without this it
   * reported the connection it had just archived as "Orphaned" and failed on a 404. Keyed by name,
   * holding the uid, so a resource created again under the same name is cleaned up when its turn
   * comes; cleared by the name's delete event.
   */
  private final Map<ResourceID, String> finalized = new ConcurrentHashMap<>();

  private final AtomicBoolean trimming = new AtomicBoolean();
  private volatile ConnectionEventSources sources;

  OmniConnectionReconciler(
      InstanceRuntimes runtimes,
      InstanceRefusal refusals,
      ReferencedSecrets secretStore,
      NamespaceLabels namespaceLabels,
      boolean withInstances) {
    this.withInstances = withInstances;
    this.runtimes = runtimes;
    this.access = new InstanceAccess(runtimes);
    this.refusals = refusals;
    this.secretStore = secretStore;
    this.namespaceLabels = namespaceLabels;
  }

  @Override
  public List<EventSource<?, OmniConnection>> prepareEventSources(
      EventSourceContext<OmniConnection> ctx) {
    Indexes.register(ctx.getPrimaryCache());
    sources = new ConnectionEventSources(ctx, secretStore, withInstances);
    runtimes.bind(ctx.getPrimaryCache());
    var all = new java.util.ArrayList<EventSource<?, OmniConnection>>(sources.all());
    all.add(runtimes.events());
    return all;
  }

  private InstanceAccess.Access access(OmniConnection r) {
    return access.resolve(r, sources.instances(namespaceLabels));
  }

  private CredentialResolver credentials(Context<OmniConnection> ctx) {
    return new CredentialResolver(
        (ns, name) -> {
          if (!secretStore.isTrimmed(ns, name)) {
            return sources.secrets.get(new ResourceID(name, ns));
          }
          // newly referenced since its last event: read it once, then the informer keeps it
          var whole = ctx.getClient().secrets().inNamespace(ns).withName(name).get();
          if (whole != null) {
            secretStore.fill(whole);
          }
          return Optional.ofNullable(whole);
        });
  }

  private static ReconcileIo io(
      OmniConnection r, InstanceAccess.Access a, Context<OmniConnection> ctx) {
    OperatorParts parts = a.runtime().parts();
    var charged = parts.omni().chargedTo(PlanInputCollector.key(r));
    return new ReconcileIo(
        charged,
        new CachedResourceWrites(ctx),
        Indexes.over(ctx.getPrimaryCache(), a.declared()),
        parts.neighbours() == null ? null : new ChargedNeighbours(charged, parts.neighbours()));
  }

  @Override
  public UpdateControl<OmniConnection> reconcile(OmniConnection r, Context<OmniConnection> ctx) {
    Startup.firstReconcile();
    if (trimming.compareAndSet(false, true)) {
      // the OmniConnections are all known now: drop the data of Secrets none of them references
      var cache = ctx.getPrimaryCache();
      secretStore.trimUnreferenced(key -> !cache.byIndex(Indexes.BY_SECRET, key).isEmpty());
    }
    // only a replica that reconciles (the leader) polls Omni
    runtimes.activate();
    if (ctx.isPrimaryResourceDeleted()) {
      ResourceID id = ResourceID.fromResource(r);
      finalized.remove(id);
      forget(r);
      if (ctx.getPrimaryCache().get(id).isPresent()) {
        // deleted and created again under the same name: the SDK hands the new copy over with
        // the old one's delete event and then drops the new one's own event
        reconcileSoon(id);
      }
      ConflictLosers.nudge(ctx.getPrimaryCache(), r, true, true, this::reconcileSoon);
      return UpdateControl.noUpdate();
    }
    InstanceAccess.Access a = access(r);
    if (r.isMarkedForDeletion()) {
      return delete(r, a, ctx);
    }
    if (a.refused()) {
      return requeue(refusals.refuse(r, a.refusal(), new CachedResourceWrites(ctx)));
    }
    boolean specEdited =
        r.getStatus() != null
            && r.getStatus().connectionId != null
            && !Objects.equals(r.getMetadata().getGeneration(), r.getStatus().observedGeneration);
    OperatorParts parts = a.runtime().parts();
    Step step = parts.reconcile().run(r, credentials(ctx), io(r, a, ctx));
    parts.metrics().resourceState(PlanInputCollector.key(r), Outcomes.stateName(step.outcome()));
    // a managed resource renamed or repointed may free the connection another one lost, and a
    // base with a new connection unblocks its environments' links
    String before = r.getStatus() == null ? null : r.getStatus().connectionId;
    boolean baseChanged = !Objects.equals(before, step.status().connectionId);
    ConflictLosers.nudge(
        ctx.getPrimaryCache(), step.resource(), specEdited, baseChanged, this::reconcileSoon);
    log.debug(
        "{}: {} {}", PlanInputCollector.key(r), step.outcome().reason(), step.outcome().message());
    return requeue(step.requeue());
  }

  private static UpdateControl<OmniConnection> requeue(Duration after) {
    UpdateControl<OmniConnection> control = UpdateControl.noUpdate();
    if (after != null) {
      control.rescheduleAfter(after.isZero() ? Duration.ofMillis(1) : after);
    }
    return control;
  }

  /** A reconcile of {@code id} shortly (through the command line's poller, once it runs). */
  private void reconcileSoon(ResourceID id) {
    OmniPoller poller = runtimes.commandLine().poller();
    if (poller != null) {
      poller.reconcileSoon(id);
    }
  }

  private UpdateControl<OmniConnection> delete(
      OmniConnection r, InstanceAccess.Access a, Context<OmniConnection> ctx) {
    if (!r.hasFinalizer(OmniConnection.FINALIZER) || alreadyFinalized(r)) {
      forget(r);
      return UpdateControl.noUpdate();
    }
    // a resource on its way out no longer counts as Ready (or anything else)
    runtimes.commandLine().parts().metrics().resourceState(PlanInputCollector.key(r), null);
    if (a.refused()) {
      // never archive through an instance the namespace may not use (or that is gone); wait for
      // one that is only not ready yet
      if (a.refusal().state() == Outcome.State.RETRYING) {
        return requeue(InstanceRefusal.NOT_READY_RECHECK);
      }
      refusals.leftInOmni(r, a.refusal());
    } else {
      ReconcileIo io = io(r, a, ctx);
      Optional<Duration> retry = a.runtime().parts().cleanup().cleanup(r, io);
      if (retry.isPresent()) {
        return UpdateControl.<OmniConnection>noUpdate().rescheduleAfter(retry.get());
      }
    }
    try {
      new CachedResourceWrites(ctx).removeFinalizer(r);
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

  /** Drops what the operator kept about a resource that is gone, on every instance. */
  private void forget(OmniConnection r) {
    String key = PlanInputCollector.key(r);
    OperatorParts shared = runtimes.commandLine().parts();
    shared.metrics().resourceState(key, null);
    shared.events().forget(r);
    for (InstanceRuntime runtime : runtimes.everyRuntime()) {
      runtime.parts().rejections().forget(key);
      runtime.parts().omni().release(key);
      runtime.parts().reconcile().forget(key);
    }
  }
}
