package dev.gitops.omni.operator;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;

/**
 * Carries out a plan that found its connection in Omni: nothing to do, a PATCH, or an adoption
 * (with a PATCH when the spec differs in what Omni can change in place).
 */
final class ConnectionUpdater {
  private final ConnectionCache cache;
  private final Events events;
  private final Clock clock;

  ConnectionUpdater(ConnectionCache cache, Events events, Clock clock) {
    this.cache = cache;
    this.events = events;
    this.clock = clock;
  }

  /** ADOPT, PATCH and NOTHING plans. */
  Step apply(
      OmniConnection r,
      Plan plan,
      CredentialResolver.Resolved creds,
      OmniConnectionStatus status,
      ReconcileIo io) {
    ConnectionPatch patch = plan.patch();
    String id = plan.connectionId();
    // before any change made for it (and back, should someone remove it): deleting the resource
    // must wait for its cleanup; no write when it is there
    r = io.writes().addFinalizer(r);
    if (!patch.isEmpty()) {
      io.omni().patch(id, patch.withSecrets(creds.values()));
      status.lastSyncTime = clock.instant().toString();
      cache.find(id).ifPresent(before -> cache.noteChanged(patch.appliedTo(before)));
    }
    status.connectionId = id;
    status.appliedSettings = new TreeMap<>(plan.appliedSettings());
    if (plan.action() != Plan.Action.NOTHING) {
      status.credentialsVersion = new TreeMap<>(creds.versions());
    }
    if (plan.replaces() != null) {
      status.replacedConnectionId = plan.replaces();
    }
    report(r, plan, patch);
    return new Step(r, status, Outcomes.applied(plan, status.replacedConnectionId), null);
  }

  private void report(OmniConnection r, Plan plan, ConnectionPatch patch) {
    String id = plan.connectionId();
    if (plan.replaces() != null) {
      events.normal(r, Reason.REPLACED, plan.message());
    }
    List<String> settings =
        patch.fields().stream().filter(f -> !f.secret()).map(WireField::wire).toList();
    if (plan.action() == Plan.Action.ADOPT && plan.replaces() == null) {
      events.normal(r, Reason.ADOPTED, plan.message());
    } else if (!settings.isEmpty()) {
      events.normal(
          r, Reason.UPDATED, "updated " + String.join(", ", settings) + " on connection " + id);
    }
    if (patch.rotatesCredentials() && plan.action() == Plan.Action.PATCH) {
      events.normal(
          r, Reason.CREDENTIALS_ROTATED, "sent the rotated credentials to connection " + id);
    }
    if (!plan.drift().isEmpty()) {
      events.warning(r, Reason.DRIFT_DETECTED, Outcomes.applied(plan, null).message());
    }
  }
}
