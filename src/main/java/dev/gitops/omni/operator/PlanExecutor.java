package dev.gitops.omni.operator;

import dev.gitops.omni.client.CreateRequest;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniConnectionInfo;
import dev.gitops.omni.client.PatchRequest;
import dev.gitops.omni.client.SecretValue;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out a {@link Plan} that may write: calls Omni, records the result in the shared cache and
 * on the resource, and emits one event per action. Omni errors propagate to the reconciler.
 */
final class PlanExecutor {
  private final BudgetedOmniClient omni;
  private final ConnectionCache cache;
  private final EventRecorder events;
  private final Clock clock;

  PlanExecutor(BudgetedOmniClient omni, ConnectionCache cache, EventRecorder events, Clock clock) {
    this.omni = omni;
    this.cache = cache;
    this.events = events;
    this.clock = clock;
  }

  Step execute(
      OmniConnection r,
      Plan plan,
      CredentialResolver.Resolved creds,
      DeletionPolicy deletionPolicy,
      ResourceWriter writer) {
    OmniConnectionStatus status = StatusFields.copyOf(r.getStatus());
    status.omniName = r.omniName();
    status.failedInputs = null;
    Step step =
        switch (plan.action()) {
          case CREATE -> create(r, plan, creds, status, writer, null, deletionPolicy);
          case REPLACE ->
              create(r, plan, creds, status, writer, plan.connectionId(), deletionPolicy);
          case ADOPT, PATCH -> update(r, plan, creds, status);
          case NOTHING -> nothing(r, plan, status);
          case BLOCKED -> blocked(r, plan, status);
          case DELETE -> throw new IllegalStateException("deletion is planned in cleanup");
        };
    if (plan.retire() != null) {
      retire(step.resource(), plan.retire(), step.status());
    }
    return step;
  }

  private Step create(
      OmniConnection r,
      Plan plan,
      CredentialResolver.Resolved creds,
      OmniConnectionStatus status,
      ResourceWriter writer,
      String replacing,
      DeletionPolicy deletionPolicy) {
    omni.prepayCreate(); // if the budget is spent, stop before marking: nothing will be sent
    r =
        writer.setAnnotation(
            r, OmniConnection.CREATE_PENDING_ANNOTATION, clock.instant().toString());
    String id;
    try {
      id = omni.createPrepaid(new CreateRequest(plan.createBody(), creds.values()));
    } catch (OmniApiException e) {
      boolean refused = e.status() >= 400 && e.status() < 500;
      // refused: nothing was stored, nothing to adopt later. Otherwise Omni may still store it:
      // restamp the mark so the next attempt waits for a list that started after this answer.
      writer.setAnnotation(
          r, OmniConnection.CREATE_PENDING_ANNOTATION, refused ? null : clock.instant().toString());
      throw e;
    }
    cache.noteCreated(plan.createdAs(id));
    status.connectionId = id;
    status.appliedSettings = new TreeMap<>(plan.appliedSettings());
    status.credentialsVersion = new TreeMap<>(creds.versions());
    status.lastSyncTime = clock.instant().toString();
    status.replacedConnectionId = replacing != null ? replacing : status.replacedConnectionId;
    boolean followUp = r.getSpec().environmentUserAttribute != null;
    Outcome outcome =
        followUp
            ? Outcome.inProgress(
                "Updating", "created connection " + id + "; setting its environment attribute next")
            : Outcome.ready(
                "Available",
                replacing == null
                    ? "created connection " + id
                    : "replaced connection " + replacing + " with " + id);
    // store the id first, then drop the mark: a crash between the two leaves both, which is safe
    r = writer.writeStatus(r, StatusFields.withConditions(r, status, outcome, clock));
    r = writer.setAnnotation(r, OmniConnection.CREATE_PENDING_ANNOTATION, null);
    OmniConnectionStatus after = StatusFields.copyOf(r.getStatus());
    if (replacing == null) {
      events.normal(
          r,
          "Created",
          "created connection "
              + id
              + " '"
              + r.omniName()
              + "' ("
              + plan.createBody().get("dialect")
              + ")");
    } else {
      String old = retireReplaced(r, replacing, after, deletionPolicy);
      events.normal(
          r,
          "Replaced",
          "replaced connection "
              + replacing
              + " with "
              + id
              + " because "
              + String.join(", ", plan.fields())
              + " changed; "
              + old);
      if (!followUp) {
        outcome =
            Outcome.ready(
                "Available", "replaced connection " + replacing + " with " + id + "; " + old);
      }
    }
    return new Step(r, after, outcome, followUp ? Duration.ZERO : null);
  }

  /** Archives the replaced connection when the policy says so; a failure is retried later. */
  private String retireReplaced(
      OmniConnection r, String old, OmniConnectionStatus status, DeletionPolicy policy) {
    if (policy != DeletionPolicy.Delete) {
      return "the old connection " + old + " is left in Omni (deletionPolicy Orphan)";
    }
    if (!omni.supportsDelete()) {
      return "the old connection " + old + " is left in Omni: the unstable API cannot archive it";
    }
    try {
      retire(r, old, status);
      return "the old connection " + old + " was archived";
    } catch (OmniApiException e) {
      // the new id is already stored; the next reconcile retires the old one (Plan.retire)
      return "archiving the old connection "
          + old
          + " failed ("
          + e.conditionReason()
          + "); it is retried";
    }
  }

  private void retire(OmniConnection r, String id, OmniConnectionStatus status) {
    if (!omni.supportsDelete()) {
      return;
    }
    try {
      omni.delete(id);
    } catch (OmniApiException e) {
      if (e.kind() != OmniApiException.Kind.NOT_FOUND && e.kind() != OmniApiException.Kind.GONE) {
        throw e;
      }
    }
    status.replacedConnectionId = null;
    events.normal(r, "Deleted", "archived replaced connection " + id);
  }

  /** Forgets a request the budget reserved for a resource that is gone. */
  void releaseBudget(String key) {
    omni.release(key);
  }

  /** Archives a connection on deletion; on the unstable API, which cannot, says so. */
  void archive(OmniConnection r, String id) {
    if (!omni.supportsDelete()) {
      events.warning(
          r,
          "Orphaned",
          "the unstable Omni API has no DELETE: connection "
              + id
              + " is left in Omni; archive it in Omni's UI or switch the operator to the v1 API");
      return;
    }
    try {
      omni.delete(id);
    } catch (OmniApiException e) {
      if (e.kind() != OmniApiException.Kind.NOT_FOUND && e.kind() != OmniApiException.Kind.GONE) {
        throw e;
      }
    }
    cache
        .find(id)
        .ifPresent(
            c ->
                cache.noteChanged(
                    new OmniConnectionInfo(
                        c.id(),
                        c.name(),
                        c.dialect(),
                        c.database(),
                        c.defaultSchema(),
                        c.baseRole(),
                        c.environmentAttributeName(),
                        c.environmentDefaultValues(),
                        clock.instant().toString())));
    events.normal(r, "Deleted", "archived connection " + id + " (deletionPolicy Delete)");
  }

  private Step update(
      OmniConnection r, Plan plan, CredentialResolver.Resolved creds, OmniConnectionStatus status) {
    Plan.Patch p = plan.patch();
    String id = plan.connectionId();
    if (!p.isEmpty()) {
      omni.patch(id, toRequest(p, creds.values()));
      status.lastSyncTime = clock.instant().toString();
      cache.noteChanged(patched(id, p));
    }
    status.connectionId = id;
    status.appliedSettings = new TreeMap<>(plan.appliedSettings());
    status.credentialsVersion = new TreeMap<>(creds.versions());
    if (plan.replaces() != null) {
      status.replacedConnectionId = plan.replaces();
      events.normal(r, "Replaced", plan.message());
    }
    List<String> settings =
        p.fieldNames().stream()
            .filter(f -> !f.equals("passwordUnencrypted") && !f.equals("privateKey"))
            .toList();
    if (plan.action() == Plan.Action.ADOPT && plan.replaces() == null) {
      events.normal(r, "Adopted", plan.message());
    } else if (!settings.isEmpty()) {
      events.normal(
          r, "Updated", "updated " + String.join(", ", settings) + " on connection " + id);
    }
    if (p.rotatesCredentials() && plan.action() == Plan.Action.PATCH) {
      events.normal(r, "CredentialsRotated", "sent the rotated credentials to connection " + id);
    }
    return driftOrReady(r, plan, status, "connection " + id + " matches the spec");
  }

  private Step nothing(OmniConnection r, Plan plan, OmniConnectionStatus status) {
    status.connectionId = plan.connectionId();
    status.appliedSettings = new TreeMap<>(plan.appliedSettings());
    return driftOrReady(r, plan, status, plan.message());
  }

  private Step driftOrReady(OmniConnection r, Plan plan, OmniConnectionStatus status, String ok) {
    if (status.replacedConnectionId != null) {
      ok += "; the replaced connection " + status.replacedConnectionId + " is left in Omni";
    }
    if (!plan.drift().isEmpty()) {
      String message =
          "connection "
              + plan.connectionId()
              + " drifted in a way Omni cannot undo in place: "
              + String.join("; ", plan.drift().stream().map(Plan.Drift::toString).toList())
              + ". Change it back in Omni, or change the spec to match";
      events.warning(r, "DriftDetected", message);
      return new Step(r, status, Outcome.stalled("DriftDetected", message), null);
    }
    return new Step(r, status, Outcome.ready("Available", ok), null);
  }

  private Step blocked(OmniConnection r, Plan plan, OmniConnectionStatus status) {
    events.warning(r, plan.reason(), plan.message());
    return new Step(r, status, Outcome.stalled(plan.reason(), plan.message()), null);
  }

  static PatchRequest toRequest(Plan.Patch p, Map<String, SecretValue> secrets) {
    var env = p.environment();
    return new PatchRequest(
        p.baseRole(),
        p.setEnvironment(),
        env == null
            ? null
            : new PatchRequest.EnvironmentAttribute(env.attributeName, env.defaultValues),
        p.rotatePassword() ? secrets.get("passwordUnencrypted") : null,
        p.rotatePrivateKey() ? secrets.get("privateKey") : null);
  }

  private OmniConnectionInfo patched(String id, Plan.Patch p) {
    OmniConnectionInfo base = cache.find(id).orElseThrow();
    String attr = base.environmentAttributeName();
    List<String> values = base.environmentDefaultValues();
    if (p.setEnvironment()) {
      attr = p.environment() == null ? null : p.environment().attributeName;
      values = p.environment() == null ? List.of() : p.environment().defaultValues;
    }
    return new OmniConnectionInfo(
        id,
        base.name(),
        base.dialect(),
        base.database(),
        base.defaultSchema(),
        p.baseRole() != null ? p.baseRole() : base.baseRole(),
        attr,
        values,
        base.deletedAt());
  }
}
