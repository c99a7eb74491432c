package dev.gitops.omni.core;

import dev.gitops.omni.connection.ObservedConnection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Omni connection a resource stands for: by {@code status.connectionId}, else {@code
 * spec.connectionId}, else the exact name (case-sensitive; Omni's own filter is a contains-match)
 * and dialect among live connections that no other resource claims.
 */
record Match(Kind kind, ObservedConnection info, boolean adopting, String why) {

  enum Kind {
    FOUND,
    NONE,
    CONFLICT,
    MISSING_PINNED
  }

  static Match locate(PlanInput in) {
    String statusId = in.last().connectionId();
    String pinned = in.spec().connectionId;
    if (statusId != null && (pinned == null || pinned.equals(statusId))) {
      return byStatus(in, statusId, pinned != null);
    }
    if (pinned != null) {
      return byPinnedId(in, pinned);
    }
    return byName(in);
  }

  private static Match byStatus(PlanInput in, String id, boolean pinned) {
    Optional<ObservedConnection> found = Match.find(in, id);
    if (found.isPresent() && !found.get().archived()) {
      PlanInput.Claim other = in.claims().get(id);
      // Both manage it (a race): the resource with the smaller key keeps it.
      if (other != null && other.established() && wins(other, in)) {
        return conflict(id, other.resourceKey());
      }
      return new Match(Kind.FOUND, found.get(), false, "");
    }
    String state = found.isPresent() ? "was archived in Omni" : "no longer exists in Omni";
    if (pinned) {
      return new Match(
          Kind.MISSING_PINNED,
          null,
          false,
          "connection "
              + id
              + " named in spec.connectionId "
              + state
              + ": restore it in Omni, or remove spec.connectionId to create a new one");
    }
    return new Match(Kind.NONE, null, false, "connection " + id + " " + state);
  }

  private static Match byPinnedId(PlanInput in, String id) {
    Optional<ObservedConnection> found = Match.find(in, id);
    if (found.isEmpty() || found.get().archived()) {
      return new Match(
          Kind.MISSING_PINNED,
          null,
          false,
          "spec.connectionId "
              + id
              + (found.isEmpty() ? " does not exist in Omni" : " is archived in Omni")
              + ": fix the id, or remove spec.connectionId to create a new connection");
    }
    PlanInput.Claim other = in.claims().get(id);
    if (other != null && (other.established() || wins(other, in))) {
      return conflict(id, other.resourceKey());
    }
    return new Match(Kind.FOUND, found.get(), true, "");
  }

  private static Match byName(PlanInput in) {
    String dialect = in.spec().dialect.wire();
    List<ObservedConnection> same =
        in.observed().stream()
            .filter(c -> !c.archived())
            .filter(c -> in.omniName().equals(c.name()) && dialect.equals(c.dialect()))
            .toList();
    if (same.isEmpty()) {
      return new Match(
          Kind.NONE, null, false, "no live connection has this exact name and dialect");
    }
    List<ObservedConnection> free =
        same.stream().filter(c -> !in.claims().containsKey(c.id())).toList();
    if (free.size() == 1) {
      return new Match(Kind.FOUND, free.get(0), true, "");
    }
    if (free.isEmpty()) {
      String id = same.get(0).id();
      return conflict(id, in.claims().get(id).resourceKey());
    }
    return new Match(
        Kind.CONFLICT,
        null,
        false,
        free.size()
            + " live connections are named '"
            + in.omniName()
            + "' ("
            + String.join(", ", free.stream().map(ObservedConnection::id).toList())
            + "): choose one with spec.connectionId, or give this resource another spec.name");
  }

  private static boolean wins(PlanInput.Claim other, PlanInput in) {
    return other.resourceKey().compareTo(in.resourceKey()) < 0;
  }

  private static Match conflict(String id, String other) {
    return new Match(
        Kind.CONFLICT,
        null,
        false,
        "connection "
            + id
            + " is already managed by OmniConnection "
            + other
            + ": two resources must not manage one Omni connection; give this one another"
            + " spec.name or remove its spec.connectionId");
  }

  /** A live, unclaimed connection that looks like the replacement a lost POST created. */
  static Optional<ObservedConnection> lostReplacement(PlanInput in, String oldId) {
    String dialect = in.spec().dialect.wire();
    String earlier = in.last().replacedConnectionId();
    List<ObservedConnection> candidates =
        in.observed().stream()
            .filter(c -> !c.archived() && !c.id().equals(oldId) && !c.id().equals(earlier))
            .filter(c -> in.omniName().equals(c.name()) && dialect.equals(c.dialect()))
            .filter(c -> !in.claims().containsKey(c.id()))
            .toList();
    // two or more: which one the lost answer made cannot be told, so none is taken
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  static Optional<ObservedConnection> find(PlanInput in, String id) {
    return in.observed().stream().filter(c -> Objects.equals(c.id(), id)).findFirst();
  }
}
