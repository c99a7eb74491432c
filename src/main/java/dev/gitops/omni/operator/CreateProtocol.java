package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Creates a connection in Omni without ever creating it twice, in two Kubernetes writes
 * (docs/decisions/0005-create-pending-mark.md):
 *
 * <ol>
 *   <li>one metadata write: the finalizer and the create-pending mark (the time);
 *   <li>the POST;
 *   <li>one status write: the new id, and the mark as settled.
 * </ol>
 *
 * A mark that is not settled means a POST may have reached Omni without its answer being recorded
 * (lost answer, crash, restart): the next attempt waits for an Omni list that started after the
 * mark and adopts the connection by its exact name instead of creating another.
 */
final class CreateProtocol {
  private final ConnectionCache cache;
  private final ConnectionArchiver archiver;
  private final Events events;
  private final Clock clock;

  CreateProtocol(ConnectionCache cache, ConnectionArchiver archiver, Events events, Clock clock) {
    this.cache = cache;
    this.archiver = archiver;
    this.events = events;
    this.clock = clock;
  }

  /** Carries out a CREATE or REPLACE plan. Omni errors propagate, with the mark left right. */
  Step create(
      OmniConnection r,
      Plan plan,
      CredentialResolver.Resolved creds,
      OmniConnectionStatus status,
      DeletionPolicy deletionPolicy,
      ReconcileIo io) {
    String replacing = plan.action() == Plan.Action.REPLACE ? plan.connectionId() : null;
    // if the budget is spent, stop before marking: nothing will be sent
    io.omni().prepayCreate();
    Instant mark = clock.instant();
    r = io.writes().markCreatePending(r, mark);
    NewConnection connection = plan.create();
    String id;
    try {
      id = io.omni().createPrepaid(connection.withSecrets(creds.values()));
    } catch (OmniApiException e) {
      if (nothingStored(e)) {
        io.writes().clearCreatePending(r);
      } else {
        // Omni may still store it: restamp the mark, so the next attempt waits for a list that
        // started after this answer
        io.writes().markCreatePending(r, clock.instant());
      }
      throw e;
    }
    cache.noteCreated(connection.createdAs(id), PlanInputCollector.key(r));
    status.connectionId = id;
    status.appliedSettings = new TreeMap<>(plan.appliedSettings());
    status.credentialsVersion = new TreeMap<>(creds.versions());
    status.lastSyncTime = clock.instant().toString();
    status.settledCreateMark = mark.toString();
    if (replacing != null) {
      status.replacedConnectionId = replacing;
    }
    boolean environmentNext = r.getSpec().environmentUserAttribute != null;
    Outcome outcome = Outcomes.created(id, environmentNext, status.replacedConnectionId);
    // the id is stored before anything else is tried: a crash after this leaves nothing to find;
    // the conditions are the ones ConnectionReconcile would write, so it has nothing to add
    Outcome written = ConnectionReconcile.noted(outcome, deletionPolicy, io);
    r = io.writes().writeStatus(r, StatusFields.withConditions(r, status, written, clock));
    r = ConnectionReconcile.settleOnOldCrd(r, mark.toString(), io.writes());
    status = StatusFields.copyOf(r.getStatus());
    if (replacing == null) {
      events.normal(
          r,
          Reason.CREATED,
          "created connection " + id + " '" + r.omniName() + "' (" + connection.dialect() + ")");
    } else {
      String old = archiver.retireReplaced(r, replacing, status, deletionPolicy, io.omni());
      events.normal(
          r,
          Reason.REPLACED,
          "replaced connection "
              + replacing
              + " with "
              + id
              + " because "
              + String.join(", ", plan.fields())
              + " changed; "
              + old);
      outcome = Outcomes.created(id, environmentNext, status.replacedConnectionId);
    }
    return new Step(r, status, outcome, environmentNext ? Duration.ZERO : null);
  }

  /**
   * Omni refused the POST (4xx), or the budget held it back before it was sent: nothing was stored,
   * so there is nothing to look for later.
   */
  static boolean nothingStored(OmniApiException e) {
    return e instanceof BudgetExhaustedException || (e.status() >= 400 && e.status() < 500);
  }
}
