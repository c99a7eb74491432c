package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.time.Clock;

/**
 * Archives connections in Omni ({@code DELETE}): a deleted resource's under deletionPolicy Delete,
 * and a connection replaced under replacementPolicy Recreate. Already gone counts as done.
 */
final class ConnectionArchiver {
  private final ConnectionCache cache;
  private final Events events;
  private final Clock clock;

  ConnectionArchiver(ConnectionCache cache, Events events, Clock clock) {
    this.cache = cache;
    this.events = events;
    this.clock = clock;
  }

  /** Archives a deleted resource's connection; on the unstable API, which cannot, says so. */
  void archive(OmniConnection r, String id, OmniClient omni) {
    if (!omni.supportsDelete()) {
      events.warning(
          r,
          Reason.ORPHANED,
          "the unstable Omni API has no DELETE: connection "
              + id
              + " is left in Omni; archive it in Omni's UI or switch the operator to the v1 API");
      return;
    }
    delete(id, omni);
    cache.find(id).ifPresent(c -> cache.noteChanged(c.archivedAt(clock.instant().toString())));
    events.normal(r, Reason.DELETED, "archived connection " + id + " (deletionPolicy Delete)");
  }

  /**
   * Archives the connection a replace made obsolete, when the policy says so, and says what became
   * of it. A failure is left for a later reconcile (the plan's retire).
   */
  String retireReplaced(
      OmniConnection r,
      String old,
      OmniConnectionStatus status,
      DeletionPolicy policy,
      OmniClient omni) {
    if (policy != DeletionPolicy.Delete) {
      return "the old connection " + old + " is left in Omni (deletionPolicy Orphan)";
    }
    if (!omni.supportsDelete()) {
      return "the old connection " + old + " is left in Omni: the unstable API cannot archive it";
    }
    try {
      retire(r, old, status, omni);
      return "the old connection " + old + " was archived";
    } catch (OmniApiException e) {
      return "archiving the old connection "
          + old
          + " failed ("
          + Reason.of(e.kind())
          + "); it is retried";
    }
  }

  /** Archives a replaced connection and forgets it in status. */
  void retire(OmniConnection r, String id, OmniConnectionStatus status, OmniClient omni) {
    if (!omni.supportsDelete()) {
      return;
    }
    delete(id, omni);
    if (id.equals(status.replacedConnectionId)) {
      status.replacedConnectionId = null;
    }
    events.normal(r, Reason.DELETED, "archived replaced connection " + id);
  }

  private static void delete(String id, OmniClient omni) {
    try {
      omni.delete(id);
    } catch (OmniApiException e) {
      if (!e.kind().vanished()) {
        throw e;
      }
    }
  }
}
