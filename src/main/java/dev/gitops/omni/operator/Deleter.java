package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;

/**
 * Runs when an OmniConnection is deleted (the finalizer): archives the connection under
 * deletionPolicy Delete, otherwise leaves it in Omni, and says which in an event.
 */
final class Deleter {
  private final OperatorConfig config;
  private final ConnectionCache cache;
  private final PlanExecutor executor;
  private final EventRecorder events;
  private final PlanInputs inputs;
  private final Backoff backoff;

  Deleter(
      OperatorConfig config,
      ConnectionCache cache,
      PlanExecutor executor,
      EventRecorder events,
      PlanInputs inputs,
      Backoff backoff) {
    this.config = config;
    this.cache = cache;
    this.executor = executor;
    this.events = events;
    this.inputs = inputs;
    this.backoff = backoff;
  }

  /**
   * A resource deleted while its create was pending (the POST went out, its answer never came back,
   * so no id is in status) has a connection in Omni that nothing else will ever archive. Under
   * deletionPolicy Delete, look for it in a list newer than the mark, exactly as a reconcile would
   * adopt it, and archive it. Returns whether it did.
   */
  private boolean archivedPendingCreate(OmniConnection r, Context<OmniConnection> ctx) {
    boolean noId = r.getStatus() == null || r.getStatus().connectionId == null;
    if (!noId
        || PlanInputs.createPending(r) == null
        || inputs.deletionPolicy(r) != DeletionPolicy.Delete) {
      return false;
    }
    Plan found = inputs.plan(r, ctx, null, false);
    if (found.action() != Plan.Action.ADOPT
        || found.connectionId() == null
        || !found.writesAllowed()) {
      return false;
    }
    executor.archive(r, found.connectionId());
    return true;
  }

  DeleteControl cleanup(OmniConnection r, Context<OmniConnection> ctx) {
    String key = PlanInputs.key(r);
    try {
      if (archivedPendingCreate(r, ctx)) {
        backoff.reset(key);
        return DeleteControl.defaultDelete();
      }
      Plan plan = inputs.plan(r, ctx, null, true);
      if (plan.action() == Plan.Action.DELETE) {
        executor.archive(r, plan.connectionId());
      } else {
        events.normal(r, "Orphaned", plan.message());
      }
      backoff.reset(key);
      return DeleteControl.defaultDelete();
    } catch (OmniApiException e) {
      Duration wait =
          e.retryable() ? backoff.next(key, e.retryAfter().orElse(null)) : config.pollInterval();
      events.warning(
          r,
          e.conditionReason(),
          "could not archive the connection, the resource stays until it can: " + e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait);
    }
  }
}
