package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile of a resource that is not being deleted, start to end: preconditions, the plan
 * ({@link PlanInputCollector}), carrying it out (the only Omni writes: {@link CreateProtocol},
 * {@link ConnectionUpdater}, {@link ConnectionArchiver}), and the status write. See
 * docs/architecture.md.
 */
final class ConnectionReconcile {
  private final OperatorConfig config;
  private final PlanInputCollector inputs;
  private final Preconditions preconditions;
  private final CreateProtocol creates;
  private final ConnectionUpdater updates;
  private final ConnectionArchiver archiver;
  private final FailurePolicy failures;
  private final Events events;
  private final OperatorMetrics metrics;
  private final ScheduleSync schedules;
  private final EnvironmentSync environments;
  private final Clock clock;

  /**
   * Plans and their creates for one Omni name run one at a time, so two new resources wanting the
   * same name never both POST: the second plans on a list that holds the first one's connection.
   */
  private final Object[] sameName = new Object[256];

  ConnectionReconcile(
      OperatorConfig config,
      PlanInputCollector inputs,
      Preconditions preconditions,
      CreateProtocol creates,
      ConnectionUpdater updates,
      ConnectionArchiver archiver,
      FailurePolicy failures,
      Events events,
      OperatorMetrics metrics,
      ScheduleSync schedules,
      EnvironmentSync environments,
      Clock clock) {
    this.config = config;
    this.schedules = schedules;
    this.environments = environments;
    this.inputs = inputs;
    this.preconditions = preconditions;
    this.creates = creates;
    this.updates = updates;
    this.archiver = archiver;
    this.failures = failures;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    for (int i = 0; i < sameName.length; i++) {
      sameName[i] = new Object();
    }
  }

  /** Drops what the neighbours' checks keep for the deleted resource {@code key} (ns/name). */
  void forget(String key) {
    schedules.forget(key);
    environments.forget(key);
  }

  /** Reconciles {@code r}; the step's status is written already (only when it changed). */
  Step run(OmniConnection r, CredentialResolver credentials, ReconcileIo io) {
    if (managesConnection(r)) {
      // a resource that manages a connection always carries the finalizer, whatever stops it
      // below (someone may have removed it by hand); no write when it is there
      r = io.writes().addFinalizer(r);
    }
    OmniConnectionStatus status = StatusFields.copyOf(r.getStatus());
    Step step;
    Map<String, String> versions = Map.of();
    try {
      var gate = preconditions.check(r, status, credentials, io.resources());
      if (gate.stopped()) {
        step = gate.stop();
      } else {
        versions = gate.creds().versions();
        step = planAndApply(r, status, gate.creds(), io);
        step = schedules.after(step, io.neighbours(), inputs.pollInterval(r));
        step = environments.after(step, io, inputs.pollInterval(r));
      }
      if (step.outcome().state() != Outcome.State.RETRYING) {
        failures.succeeded(r);
      }
    } catch (OmniApiException e) {
      if (e.kind().vanished()) {
        // just created and not visible yet, or archived meanwhile: plan again on a fresh list
        inputs.forceFreshList(r);
      }
      step = failures.failed(r, StatusFields.copyOf(r.getStatus()), e, versions);
    }
    return writeStatus(step, io);
  }

  private Step planAndApply(
      OmniConnection r,
      OmniConnectionStatus status,
      CredentialResolver.Resolved creds,
      ReconcileIo io) {
    Plan plan = inputs.plan(r, io.resources(), creds.versions(), false, io.omni());
    if (plan.writesAllowed() && creates(plan)) {
      synchronized (sameName[Math.floorMod(r.omniName().hashCode(), sameName.length)]) {
        // a create decides on a list fresh enough that a connection made meanwhile is in it,
        // and after any other create for this name in this process
        inputs.refreshForCreate(r, io.omni());
        plan = inputs.plan(r, io.resources(), creds.versions(), false, io.omni());
        if (creates(plan)) {
          return apply(r, plan, status, creds, io);
        }
      }
    }
    return apply(r, plan, status, creds, io);
  }

  private static boolean creates(Plan plan) {
    return plan.action() == Plan.Action.CREATE || plan.action() == Plan.Action.REPLACE;
  }

  /** Writes to Omni are allowed and the resource manages a connection. */
  private static boolean managesConnection(OmniConnection r) {
    return r.getStatus() != null && r.getStatus().connectionId != null && NeighbourTurns.writes(r);
  }

  private Step apply(
      OmniConnection r,
      Plan plan,
      OmniConnectionStatus status,
      CredentialResolver.Resolved creds,
      ReconcileIo io) {
    if (!plan.writesAllowed()) {
      return readOnly(r, plan, status);
    }
    status.omniName = r.omniName();
    DeletionPolicy policy = inputs.deletionPolicy(r);
    Step step =
        switch (plan.action()) {
          case CREATE, REPLACE -> creates.create(r, plan, creds, status, policy, io);
          case ADOPT, PATCH, NOTHING -> updates.apply(r, plan, creds, status, io);
          case BLOCKED -> blocked(r, plan, status);
          case DELETE -> throw new IllegalStateException("deletion is planned in cleanup");
        };
    if (plan.retire() != null) {
      archiver.retire(step.resource(), plan.retire(), step.status(), io.omni());
    }
    String mark = step.resource().unsettledCreateMark();
    if (mark != null && plan.action() == Plan.Action.ADOPT) {
      // the connection a lost answer made has been adopted: the mark has done its job (any
      // other plan leaves it, so a replacement made by a lost answer is still found later)
      step.status().settledCreateMark = mark;
    }
    return step;
  }

  private Step blocked(OmniConnection r, Plan plan, OmniConnectionStatus status) {
    events.warning(r, plan.reason(), plan.message());
    return new Step(r, status, Outcomes.blocked(plan), null);
  }

  private Step readOnly(OmniConnection r, Plan plan, OmniConnectionStatus status) {
    Outcome outcome = Outcomes.readOnly(plan, r.isPaused(), OmniConnection.PAUSED_ANNOTATION);
    if (!r.isPaused() && plan.connectionId() != null && !plan.blocked()) {
      status.connectionId = plan.connectionId();
    }
    if (outcome.state() == Outcome.State.STALLED) {
      events.warning(r, outcome.reason(), outcome.message());
    }
    return new Step(r, status, outcome, null);
  }

  /**
   * A CRD older than status.settledCreateMark drops the field on the status write, and the mark
   * would stay pending for good: then the mark is removed instead, in a write of its own.
   */
  static OmniConnection settleOnOldCrd(OmniConnection r, String settled, ResourceWrites writes) {
    boolean dropped =
        settled != null
            && (r.getStatus() == null || !settled.equals(r.getStatus().settledCreateMark));
    return dropped && r.unsettledCreateMark() != null ? writes.clearCreatePending(r) : r;
  }

  /** The outcome with what deletionPolicy Delete cannot do on an API without DELETE. */
  static Outcome noted(Outcome outcome, DeletionPolicy policy, ReconcileIo io) {
    return policy == DeletionPolicy.Delete && !io.omni().supportsDelete()
        ? outcome.warnUnstableDelete()
        : outcome;
  }

  /** Writes the status when it changed, and says when to look again. */
  private Step writeStatus(Step step, ReconcileIo io) {
    OmniConnection r = step.resource();
    Outcome outcome = step.outcome();
    outcome = noted(outcome, inputs.deletionPolicy(r), io);
    if (step.outcome().reason() == Reason.DRIFT_DETECTED && !alreadyDrifted(r)) {
      metrics.driftDetected();
    }
    OmniConnectionStatus next = StatusFields.withConditions(r, step.status(), outcome, clock);
    if (!Json.same(next, r.getStatus())) {
      r = io.writes().writeStatus(r, next);
      r = settleOnOldCrd(r, next.settledCreateMark, io.writes());
    }
    return new Step(r, next, step.outcome(), requeue(step, r).orElse(null));
  }

  /** The resource already reported this drift (a poll that finds it again counts nothing). */
  private static boolean alreadyDrifted(OmniConnection r) {
    return r.getStatus() != null
        && r.getStatus().conditions.stream()
            .anyMatch(
                c ->
                    StatusBuilder.READY.equals(c.getType())
                        && Reason.DRIFT_DETECTED.text().equals(c.getReason()));
  }

  private Optional<Duration> requeue(Step step, OmniConnection r) {
    if (step.requeue() != null) {
      return Optional.of(step.requeue());
    }
    Duration interval = inputs.pollInterval(r);
    // Only a resource that asks for a shorter poll than the shared poller's comes back on a timer.
    // The others need none: the poller triggers exactly the resources whose connection changed,
    // and Secret and spec changes arrive as events (docs/decisions/0004-shared-list-poller.md).
    if (step.outcome().state() == Outcome.State.READY
        && interval.compareTo(config.pollInterval()) < 0) {
      return Optional.of(interval);
    }
    return Optional.empty();
  }
}
