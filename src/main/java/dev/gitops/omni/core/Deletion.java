package dev.gitops.omni.core;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.util.List;

/** Plans what deleting a resource does in Omni. */
final class Deletion {
  private Deletion() {}

  static Plan plan(PlanInput in, boolean writes) {
    String id = in.last().connectionId();
    if (id == null && in.createPending() && in.spec() != null && in.spec().dialect != null) {
      // a create whose answer was lost may have made the connection: find it by its exact name
      id =
          in.observed().stream()
              .filter(c -> !c.archived() && !in.claims().containsKey(c.id()))
              .filter(c -> in.omniName().equals(c.name()))
              .filter(c -> in.spec().dialect.wire().equals(c.dialect()))
              .map(dev.gitops.omni.connection.ObservedConnection::id)
              .findFirst()
              .orElse(null);
    }
    if (id == null) {
      return leave(in, null, writes, "no Omni connection was managed by this resource");
    }
    if (in.paused()) {
      return leave(in, id, writes, "paused: connection " + id + " is left in Omni");
    }
    if (!writes) {
      return leave(in, id, writes, "ObserveOnly: connection " + id + " is left in Omni");
    }
    if (in.deletionPolicy() != DeletionPolicy.Delete) {
      return leave(in, id, writes, "deletionPolicy Orphan: connection " + id + " is left in Omni");
    }
    PlanInput.Claim other = in.claims().get(id);
    if (other != null && other.established()) {
      return leave(
          in,
          id,
          writes,
          "connection "
              + id
              + " is managed by OmniConnection "
              + other.resourceKey()
              + ": left in"
              + " Omni");
    }
    var found = Match.find(in, id);
    if (found.isEmpty() || found.get().archived()) {
      return leave(in, id, writes, "connection " + id + " is already archived or gone in Omni");
    }
    return new Plan(
        Action.DELETE,
        id,
        null,
        ConnectionPatch.NONE,
        List.of(),
        List.of(),
        Reason.DELETING,
        "archive connection " + id + " (deletionPolicy Delete)",
        writes,
        in.last().appliedSettings(),
        null,
        null);
  }

  private static Plan leave(PlanInput in, String id, boolean writes, String why) {
    return new Plan(
        Action.NOTHING,
        id,
        null,
        ConnectionPatch.NONE,
        List.of(),
        List.of(),
        Reason.ORPHANED,
        why,
        writes,
        in.last().appliedSettings(),
        null,
        null);
  }
}
