package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK driver: gathers the planner's input (Secrets from an informer, Omni's list from the
 * shared cache), plans, carries the plan out, and writes status only when it changed.
 */
public class OmniConnectionReconciler implements Reconciler<OmniConnection> {
  private static final Logger log = LoggerFactory.getLogger(OmniConnectionReconciler.class);

  private final OperatorConfig config;
  private final ConnectionCache cache;
  private final PlanExecutor executor;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Backoff backoff = new Backoff();

  /** Inputs Omni last rejected for good, and what was reported: see status.failedInputs. */
  private record Rejection(String inputs, Outcome outcome) {}

  private final java.util.Map<String, Rejection> rejected =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Uids whose finalizer this operator removed. On a real API server a reconcile queued before the
   * removal can still run on the informer's older copy, finalizer included: without this it
   * reported the connection it had just archived as "Orphaned" and failed on a 404 (found by the
   * e2e suite's namespace deletion). Keyed by name, holding the uid, so a resource created again
   * under the same name is cleaned up when its turn comes; cleared by the name's delete event.
   */
  private final java.util.Map<ResourceID, String> finalized =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final PlanInputs inputs;
  private final Deleter deleter;
  private volatile InformerEventSource<Secret, OmniConnection> secrets;
  private volatile OmniPoller poller;

  public OmniConnectionReconciler(
      OperatorConfig config,
      ConnectionCache cache,
      PlanExecutor executor,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock) {
    this.config = config;
    this.cache = cache;
    this.executor = executor;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.inputs = new PlanInputs(config, cache, clock);
    this.deleter = new Deleter(config, cache, executor, events, inputs, backoff);
  }

  @Override
  public List<EventSource<?, OmniConnection>> prepareEventSources(
      EventSourceContext<OmniConnection> ctx) {
    Indexes.register(ctx.getPrimaryCache());
    var secretConfig =
        InformerEventSourceConfiguration.from(Secret.class, OmniConnection.class)
            .withName("secrets")
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                s ->
                    Indexes.resources(
                            ctx.getPrimaryCache(),
                            Indexes.BY_SECRET,
                            s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                        .collect(Collectors.toSet()))
            .build();
    secrets = new InformerEventSource<>(secretConfig, ctx);
    var poller =
        new OmniPoller(
            cache,
            ctx.getPrimaryCache(),
            config.pollInterval(),
            clock,
            metrics,
            executor::releaseBudget);
    this.poller = poller;
    return List.of(secrets, poller);
  }

  private Optional<Secret> secret(String namespace, String name) {
    return secrets.get(new ResourceID(name, namespace));
  }

  @Override
  public UpdateControl<OmniConnection> reconcile(OmniConnection r, Context<OmniConnection> ctx) {
    Startup.firstReconcile();
    if (poller != null) {
      // only a replica that reconciles (the leader) polls Omni
      poller.activate();
    }
    // The controller sees every event and handles the finalizer itself: the SDK's own handling
    // adds it in a run of its own and reconciles only when that write's event comes back, behind
    // every other resource's finalizer write, so a start with N new resources did nothing in Omni
    // until N writes were done.
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
            && !java.util.Objects.equals(
                r.getMetadata().getGeneration(), r.getStatus().observedGeneration);
    OmniConnection withFinalizer = new ResourceWriter(ctx).addFinalizer(r);
    // Omni calls are charged to this resource, so a request the budget reserves for it waits
    // for it to come back
    UpdateControl<OmniConnection> done =
        BudgetedOmniClient.onBehalfOf(PlanInputs.key(r), () -> reconcileAs(withFinalizer, ctx));
    if (specEdited) {
      // a managed resource renamed or repointed may free the connection another one lost
      nudgeConflictLosers(ctx, ResourceID.fromResource(r));
    }
    return done;
  }

  /** Reconciles the losers of a Conflict again soon: see {@link ConflictLosers}. */
  private void nudgeConflictLosers(Context<OmniConnection> ctx, ResourceID changed) {
    if (poller != null) {
      ConflictLosers.in(ctx.getPrimaryCache(), changed).forEach(poller::reconcileSoon);
    }
  }

  private UpdateControl<OmniConnection> reconcileAs(OmniConnection r, Context<OmniConnection> ctx) {
    String key = PlanInputs.key(r);
    Step step;
    try {
      step = decide(r, ctx);
      if (step.outcome().state() != Outcome.State.RETRYING) {
        backoff.reset(key);
      }
    } catch (OmniApiException e) {
      step = failed(r, e);
    }
    return finish(r, ctx, step);
  }

  private Step decide(OmniConnection r, Context<OmniConnection> ctx) {
    OmniConnectionStatus status = StatusFields.copyOf(r.getStatus());
    List<Violation> violations = SpecRules.check(r.getSpec());
    if (!violations.isEmpty()) {
      String message =
          violations.stream().map(Violation::message).collect(Collectors.joining("; "));
      events.warning(r, "InvalidSpec", message);
      return new Step(r, status, Outcome.stalled("InvalidSpec", message), null);
    }
    var creds = new CredentialResolver(this::secret).resolve(r);
    if (!creds.ok()) {
      events.warning(r, creds.failureReason(), creds.failureMessage());
      return new Step(
          r, status, Outcome.stalled(creds.failureReason(), creds.failureMessage()), null);
    }
    String fingerprint = PlanInputs.fingerprint(r, creds);
    // memory first: this copy of the resource may predate the status write of the rejection
    Rejection remembered = rejected.get(PlanInputs.key(r));
    if (remembered != null && fingerprint.equals(remembered.inputs())) {
      status.failedInputs = fingerprint;
      return new Step(r, status, remembered.outcome(), null);
    }
    if (fingerprint.equals(status.failedInputs)) {
      return new Step(r, status, currentOutcome(r), null);
    }
    status.failedInputs = null;
    Optional<String> rival = inputs.rivalForName(r, ctx);
    if (rival.isPresent()) {
      String message =
          "OmniConnection "
              + rival.get()
              + " also wants the Omni connection '"
              + r.omniName()
              + "' ("
              + r.getSpec().dialect.wire()
              + "): give one of them another spec.name";
      events.warning(r, "Conflict", message);
      // look again now and then: the other resource may be renamed or deleted (no Omni call)
      return new Step(r, status, Outcome.stalled("Conflict", message), inputs.pollInterval(r));
    }
    Duration settle = inputs.createSettleRemaining(r);
    if (!settle.isZero()) {
      return new Step(
          r,
          status,
          Outcome.retrying(
              "CreatePending",
              "a create's answer was lost; waiting for Omni's list to show whether it was stored"),
          settle);
    }
    Plan plan = inputs.plan(r, ctx, creds, false);
    if (plan.writesAllowed() && needsFreshList(plan)) {
      cache.refreshIfStartedBefore(inputs.freshListNeededSince(r));
      plan = inputs.plan(r, ctx, creds, false);
    }
    if (!plan.writesAllowed()) {
      return ReadOnlyReport.step(r, plan, status, events);
    }
    ResourceWriter writer = new ResourceWriter(ctx);
    Step step = executor.execute(r, plan, creds, inputs.deletionPolicy(r), writer);
    if (step.status().connectionId != null && PlanInputs.createPending(step.resource()) != null) {
      // a create whose answer was lost has been adopted: the mark has done its job
      OmniConnection cleared =
          writer.setAnnotation(step.resource(), OmniConnection.CREATE_PENDING_ANNOTATION, null);
      step = new Step(cleared, step.status(), step.outcome(), step.requeue());
    }
    return step;
  }

  private static boolean needsFreshList(Plan plan) {
    return plan.action() == Plan.Action.CREATE || plan.action() == Plan.Action.REPLACE;
  }

  private Outcome currentOutcome(OmniConnection r) {
    var stalled =
        r.getStatus().conditions.stream()
            .filter(c -> "Stalled".equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
    return Outcome.stalled(
        stalled.map(c -> c.getReason()).orElse("OmniRejected"),
        stalled.map(c -> c.getMessage()).orElse("Omni rejected the last attempt"));
  }

  private Step failed(OmniConnection r, OmniApiException e) {
    String key = PlanInputs.key(r);
    OmniConnectionStatus status = StatusFields.copyOf(r.getStatus());
    if (e instanceof BudgetExhaustedException) {
      // the budget reserved a request for this resource: come back just after it is due
      Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1)).plusMillis(20);
      return new Step(r, status, Outcome.retrying("RateLimited", e.detail()), wait);
    }
    boolean vanished =
        e.kind() == OmniApiException.Kind.NOT_FOUND || e.kind() == OmniApiException.Kind.GONE;
    if (e.retryable() || vanished) {
      Duration wait = backoff.next(key, e.retryAfter().orElse(null));
      String message = e.getMessage() + "; retrying with backoff";
      events.warning(r, e.conditionReason(), e.getMessage());
      if (vanished) {
        // just created and not visible yet, or archived meanwhile: plan again on a fresh list
        inputs.forceFreshList(r);
      }
      return new Step(r, status, Outcome.retrying(e.conditionReason(), message), wait);
    }
    String message = e.getMessage() + hint(e);
    events.warning(r, e.conditionReason(), message);
    var creds = new CredentialResolver(this::secret).resolve(r);
    status.failedInputs = PlanInputs.fingerprint(r, creds);
    Outcome outcome = Outcome.stalled(e.conditionReason(), message);
    rejected.put(key, new Rejection(status.failedInputs, outcome));
    return new Step(r, status, outcome, null);
  }

  private static String hint(OmniApiException e) {
    return switch (e.kind()) {
      case NOT_AUTHORISED ->
          ". Check the operator's Omni API key: it must be an organisation key with admin"
              + " rights; then annotate this resource to retry";
      case INVALID_REQUEST -> ". Fix the spec (or the Secret) to retry";
      default -> "";
    };
  }

  private UpdateControl<OmniConnection> finish(
      OmniConnection original, Context<OmniConnection> ctx, Step step) {
    OmniConnection r = step.resource();
    Outcome outcome = step.outcome();
    if ("unstable".equals(config.apiPrefix())
        && inputs.deletionPolicy(r) == dev.gitops.omni.model.Policies.DeletionPolicy.Delete) {
      outcome = outcome.warnUnstableDelete();
    }
    OmniConnectionStatus next = StatusFields.withConditions(r, step.status(), outcome, clock);
    if (!Json.same(next, r.getStatus())) {
      r = new ResourceWriter(ctx).writeStatus(r, next);
    }
    metrics.resourceState(PlanInputs.key(r), stateName(step.outcome()));
    UpdateControl<OmniConnection> control = UpdateControl.noUpdate();
    Duration requeue = step.requeue();
    if (requeue == null
        && step.outcome().state() == Outcome.State.READY
        && inputs.pollInterval(r).compareTo(config.pollInterval()) < 0) {
      // Only a resource that asks for a shorter poll than the shared poller's comes back on a
      // timer. The others need no timer: the poller triggers exactly the resources whose
      // connection changed, and Secret and spec changes arrive as events. A timer per Ready
      // resource made every resource reconcile once per interval, O(N) reconciles (each
      // reading the whole list) per interval for nothing.
      requeue = inputs.pollInterval(r);
    }
    if (requeue != null) {
      control.rescheduleAfter(requeue.isZero() ? Duration.ofMillis(1) : requeue);
    }
    log.debug(
        "{}: {} {}", PlanInputs.key(original), step.outcome().reason(), step.outcome().message());
    return control;
  }

  private static String stateName(Outcome o) {
    return switch (o.state()) {
      case READY -> "Ready";
      case IN_PROGRESS, RETRYING -> "Reconciling";
      case STALLED -> "Stalled";
      case PAUSED -> "Paused";
    };
  }

  private UpdateControl<OmniConnection> delete(OmniConnection r, Context<OmniConnection> ctx) {
    if (!r.hasFinalizer(OmniConnection.FINALIZER) || alreadyFinalized(r)) {
      forget(r);
      return UpdateControl.noUpdate();
    }
    String key = PlanInputs.key(r);
    // a resource on its way out no longer counts as Ready (or anything else)
    metrics.resourceState(key, null);
    DeleteControl control = BudgetedOmniClient.onBehalfOf(key, () -> deleter.cleanup(r, ctx));
    if (!control.isRemoveFinalizer()) {
      UpdateControl<OmniConnection> wait = UpdateControl.noUpdate();
      control.getScheduleDelay().ifPresent(wait::rescheduleAfter);
      return wait;
    }
    try {
      new ResourceWriter(ctx).removeFinalizer(r);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
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
    String key = PlanInputs.key(r);
    metrics.resourceState(key, null);
    rejected.remove(key);
    executor.releaseBudget(key);
    events.forget(r);
  }
}
