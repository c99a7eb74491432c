package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.stream.Stream;

/**
 * The resources another one's change may unblock. The resources Stalled on a Conflict, to reconcile
 * again when another one is deleted or edited: the connection they lost may be free, and Omni's
 * list, which the poller watches, did not change (a winner deleted with deletionPolicy Orphan, or
 * renamed away, left the loser stalled for good). Few resources are ever in conflict; each re-check
 * is a precondition without an Omni call.
 */
final class ConflictLosers {
  private ConflictLosers() {}

  /**
   * Hands {@code soon} what {@code r} may have unblocked: the losers of a Conflict (when {@code
   * conflicts}) and, when its connection changed ({@code base}), its environments whose link waits
   * for it.
   */
  static void nudge(
      IndexedResourceCache<OmniConnection> cache,
      OmniConnection r,
      boolean conflicts,
      boolean base,
      java.util.function.Consumer<ResourceID> soon) {
    if (conflicts) {
      in(cache, ResourceID.fromResource(r)).forEach(soon);
    }
    if (base) {
      waitingEnvironments(cache, r).forEach(soon);
    }
  }

  static Stream<ResourceID> in(IndexedResourceCache<OmniConnection> cache, ResourceID except) {
    return cache
        .list(ConflictLosers::stalledOnConflict)
        .map(ResourceID::fromResource)
        .filter(id -> !id.equals(except));
  }

  /**
   * The environments of {@code base} (spec.environmentOf) the operator links (not paused, not
   * observe-only) whose link is not in sync with it: stalled on a missing base, waiting for its
   * connection, or linked to an older one.
   */
  static Stream<ResourceID> waitingEnvironments(
      IndexedResourceCache<OmniConnection> cache, OmniConnection base) {
    String baseId = base.getStatus() == null ? null : base.getStatus().connectionId;
    return cache
        .byIndex(
            Indexes.BY_ENVIRONMENT_BASE,
            base.getMetadata().getNamespace() + "/" + base.getMetadata().getName())
        .stream()
        .filter(NeighbourTurns::writes)
        .filter(
            e -> {
              var link = e.getStatus() == null ? null : e.getStatus().environmentLink;
              return link == null
                  || !Boolean.TRUE.equals(link.inSync)
                  || !java.util.Objects.equals(link.baseConnectionId, baseId);
            })
        .map(ResourceID::fromResource);
  }

  static boolean stalledOnConflict(OmniConnection r) {
    return r.getStatus() != null
        && r.getStatus().conditions.stream()
            .anyMatch(
                c ->
                    "Stalled".equals(c.getType())
                        && "True".equals(c.getStatus())
                        && "Conflict".equals(c.getReason()));
  }
}
