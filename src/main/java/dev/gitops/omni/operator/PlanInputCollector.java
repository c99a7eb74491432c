package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.PlanInput;
import dev.gitops.omni.core.PlanInput.Claim;
import dev.gitops.omni.core.PlanInput.LastApplied;
import dev.gitops.omni.core.Planner;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers the planner's input for one resource: Omni's list (fresh enough for what the resource
 * needs), the claims other resources hold, the last status, and plans it (docs/architecture.md).
 */
final class PlanInputCollector {
  private final OperatorConfig config;
  private final ConnectionCache cache;
  private final Clock clock;
  private final Set<String> forceFresh = ConcurrentHashMap.newKeySet();

  PlanInputCollector(OperatorConfig config, ConnectionCache cache, Clock clock) {
    this.config = config;
    this.cache = cache;
    this.clock = clock;
  }

  static String key(OmniConnection r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  /**
   * Plans one resource. {@code credentialVersions} null: the Secrets were not read (a deletion), so
   * credentials are not compared. A list Omni is asked for goes through {@code omni}.
   */
  Plan plan(
      OmniConnection r,
      ResourceIndex index,
      Map<String, String> credentialVersions,
      boolean deleting,
      OmniClient omni) {
    ensureList(r, omni);
    var s = r.getStatus();
    Set<String> ids = new java.util.HashSet<>(Indexes.connectionIds(r));
    if (s != null && s.replacedConnectionId != null) {
      ids.add(s.replacedConnectionId); // so the planner can see whether to retire it
    }
    List<ObservedConnection> observed = cache.lookup(ids, r.omniName());
    LastApplied last =
        s == null
            ? LastApplied.NONE
            : new LastApplied(
                s.connectionId, s.appliedSettings, s.credentialsVersion, s.replacedConnectionId);
    return Planner.plan(
        new PlanInput(
            key(r),
            r.getSpec(),
            r.omniName(),
            r.isPaused(),
            deleting,
            deletionPolicy(r),
            createPending(r) != null,
            last,
            credentialVersions,
            observed,
            claims(r, index, observed)));
  }

  /** Lists Omni first when this resource needs a fresher list than the shared one. */
  private void ensureList(OmniConnection r, OmniClient omni) {
    Instant needed = Instant.EPOCH;
    Instant now = clock.instant();
    if (cache.startedAt() == null) {
      needed = Instant.EPOCH.plusMillis(1); // any list will do, including one already on the wire
    }
    if (forceFresh.remove(key(r))) {
      needed = now.minusMillis(1);
    }
    Duration interval = pollInterval(r);
    if (interval.compareTo(config.pollInterval()) < 0) {
      needed = max(needed, now.minus(interval));
    }
    Instant pending = createPending(r);
    if (pending != null) {
      needed = max(needed, pending);
    }
    if (!needed.equals(Instant.EPOCH)) {
      cache.refreshIfStartedBefore(needed, omni);
    }
  }

  /**
   * A create decides on a list no older than the configured age, and newer than any mark: lists
   * again when the shared one is older.
   */
  void refreshForCreate(OmniConnection r, OmniClient omni) {
    Instant since = clock.instant().minus(config.timeouts().createListMaxAge());
    Instant pending = createPending(r);
    cache.refreshIfStartedBefore(pending == null ? since : max(since, pending), omni);
  }

  /**
   * How long a lost create (or replacement) still gets before it may be tried again (zero: go
   * ahead). A settled mark is not pending, so this waits only after an answer was really lost.
   */
  Duration createSettleRemaining(OmniConnection r) {
    Instant mark = createPending(r);
    if (mark == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), mark.plus(config.timeouts().createSettle()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Another resource that wants the same Omni name and dialect and manages no connection yet, and
   * sorts before this one: two such resources would otherwise create two connections.
   */
  Optional<String> rivalForName(OmniConnection r, ResourceIndex index) {
    if (r.getStatus() != null && r.getStatus().connectionId != null
        || r.getSpec().connectionId != null) {
      return Optional.empty();
    }
    String self = key(r);
    return index.byOmniName(r.omniName()).stream()
        .filter(o -> !key(o).equals(self))
        .filter(o -> o.getSpec() != null && o.getSpec().dialect == r.getSpec().dialect)
        .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
        .filter(
            o ->
                (o.getStatus() != null && o.getStatus().connectionId != null)
                    || key(o).compareTo(self) < 0)
        .map(PlanInputCollector::key)
        .findFirst();
  }

  void forceFreshList(OmniConnection r) {
    forceFresh.add(key(r));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** When a create whose answer is not recorded may have reached Omni, or null. */
  static Instant createPending(OmniConnection r) {
    String v = r.unsettledCreateMark();
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH.plusMillis(1);
    }
  }

  DeletionPolicy deletionPolicy(OmniConnection r) {
    var p = r.getSpec() == null ? null : r.getSpec().deletionPolicy;
    return p != null ? p : config.defaultDeletionPolicy();
  }

  Duration pollInterval(OmniConnection r) {
    var a = r.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(OmniConnection.POLL_INTERVAL_ANNOTATION);
    Duration asked = Durations.parseOr(v, config.pollInterval());
    // the floor run's --poll-interval has: a tenth of the request budget for lists, and 1 s; an
    // annotation of 1ms refreshed Omni's list on every requeue and starved every other resource
    Duration floor = Duration.ofMillis(Math.max(1_000, 600_000L / config.requestsPerMinute()));
    return asked.compareTo(floor) < 0 ? floor : asked;
  }

  /** The resource {@code key} exists, is not being deleted, and still wants {@code name}. */
  private static boolean stillWants(ResourceIndex index, String name, String key) {
    return index.byOmniName(name).stream()
        .anyMatch(o -> key(o).equals(key) && o.getMetadata().getDeletionTimestamp() == null);
  }

  /** Other resources' holds on the ids this resource could match. */
  private Map<String, Claim> claims(
      OmniConnection r, ResourceIndex index, List<ObservedConnection> observed) {
    Set<String> ids = new LinkedHashSet<>(Indexes.connectionIds(r));
    String name = r.omniName();
    observed.stream().filter(c -> name.equals(c.name())).forEach(c -> ids.add(c.id()));
    Map<String, Claim> claims = new HashMap<>();
    String self = key(r);
    for (String id : ids) {
      for (OmniConnection other : index.byConnectionId(id)) {
        String otherKey = key(other);
        if (!otherKey.equals(self)) {
          boolean established =
              other.getStatus() != null && id.equals(other.getStatus().connectionId);
          claims.merge(id, new Claim(otherKey, established), (a, b) -> a.established() ? a : b);
        }
      }
      // created by this operator for another resource that still wants it, whose status the
      // informer has not shown yet
      cache
          .createdFor(id)
          .filter(creator -> !creator.equals(self) && stillWants(index, name, creator))
          .ifPresent(creator -> claims.put(id, new Claim(creator, true)));
    }
    return claims;
  }
}
