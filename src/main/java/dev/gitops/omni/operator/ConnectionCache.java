package dev.gitops.omni.operator;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.client.OmniConnectionInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One shared, cached copy of Omni's connection list per endpoint and token. Reconciles read it;
 * only {@link #refreshIfStartedBefore} calls Omni, once for all callers waiting at that moment.
 *
 * <p>The operator's own writes are laid over the list until a list that started after the write
 * confirms them, so a poll that was already on the wire can never make a just-created connection
 * look gone (which would create it twice).
 */
public final class ConnectionCache {
  /** How long a connection we created may be missing from Omni's list (eventual consistency). */
  static final Duration CREATE_GRACE = Duration.ofMinutes(2);

  private final OmniClient client;
  private final Clock clock;
  private final Map<String, Overlay> overlay = new ConcurrentHashMap<>();
  private final List<Consumer<Changes>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot;

  /**
   * One list result. {@code startedAt} is when the call was sent; {@code idsByName} indexes it so a
   * reconcile can read its own few entries without copying the whole list.
   */
  public record Snapshot(
      Map<String, OmniConnectionInfo> byId,
      Map<String, List<String>> idsByName,
      Instant startedAt) {
    Snapshot(Map<String, OmniConnectionInfo> byId, Instant startedAt) {
      this(byId, index(byId), startedAt);
    }

    private static Map<String, List<String>> index(Map<String, OmniConnectionInfo> byId) {
      Map<String, List<String>> byName = new java.util.HashMap<>();
      byId.values()
          .forEach(c -> byName.computeIfAbsent(c.name(), n -> new ArrayList<>(1)).add(c.id()));
      return byName;
    }
  }

  /** What a refresh found different from the previous list: ids and names to re-reconcile. */
  public record Changes(Set<String> ids, Set<String> names) {}

  private record Overlay(OmniConnectionInfo info, Instant writtenAt, boolean created) {}

  public ConnectionCache(OmniClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void addListener(Consumer<Changes> listener) {
    listeners.add(listener);
  }

  /** When the current list was requested, or null before the first list. */
  public Instant startedAt() {
    Snapshot s = snapshot;
    return s == null ? null : s.startedAt();
  }

  /**
   * Makes sure the list was requested after {@code instant}: returns at once when it was, otherwise
   * lists once (callers arriving meanwhile wait for that one call and share it).
   */
  public void refreshIfStartedBefore(Instant instant) {
    if (isNewerThan(instant)) {
      return;
    }
    synchronized (this) {
      if (isNewerThan(instant)) {
        return;
      }
      Instant started = clock.instant();
      List<OmniConnectionInfo> list = client.list(ListFilter.ALL_INCLUDING_DELETED);
      Map<String, OmniConnectionInfo> byId = new LinkedHashMap<>();
      list.forEach(c -> byId.put(c.id(), c));
      Snapshot previous = snapshot;
      snapshot = new Snapshot(byId, started);
      // forget our own writes that this list confirms (or that are past their grace)
      Instant now = clock.instant();
      overlay.forEach(
          (id, o) -> {
            if (!shows(o, snapshot, byId.containsKey(id), now)) {
              overlay.remove(id, o);
            }
          });
      Changes changes = diff(previous, snapshot);
      if (!changes.ids().isEmpty()) {
        listeners.forEach(l -> l.accept(changes));
      }
    }
  }

  private boolean isNewerThan(Instant instant) {
    Snapshot s = snapshot;
    return s != null && s.startedAt().isAfter(instant);
  }

  /** The list as the operator believes it now: Omni's last answer plus our own writes since. */
  public List<OmniConnectionInfo> view() {
    Snapshot s = snapshot;
    Map<String, OmniConnectionInfo> merged = new LinkedHashMap<>(s == null ? Map.of() : s.byId());
    Instant now = clock.instant();
    overlay.forEach(
        (id, o) -> {
          if (shows(o, s, merged.containsKey(id), now)) {
            merged.put(id, o.info());
          } else {
            overlay.remove(id, o);
          }
        });
    return new ArrayList<>(merged.values());
  }

  /**
   * The part of {@link #view()} one resource can match: the connections with one of {@code ids} and
   * those named {@code name} (either may be empty or null). The planner looks connections up only
   * by id and by exact name, so its plan is the same as on the whole view, but a reconcile costs
   * O(1) instead of a copy of the whole list (O(N), so O(N²) for N resources).
   */
  public List<OmniConnectionInfo> viewFor(java.util.Collection<String> ids, String name) {
    Snapshot s = snapshot;
    Set<String> candidates = new java.util.LinkedHashSet<>();
    if (ids != null) {
      ids.stream().filter(Objects::nonNull).forEach(candidates::add);
    }
    if (name != null && s != null) {
      candidates.addAll(s.idsByName().getOrDefault(name, List.of()));
    }
    overlay.forEach(
        (id, o) -> {
          if (name != null && name.equals(o.info().name())) {
            candidates.add(id);
          }
        });
    Instant now = clock.instant();
    List<OmniConnectionInfo> found = new ArrayList<>(candidates.size());
    for (String id : candidates) {
      OmniConnectionInfo listed = s == null ? null : s.byId().get(id);
      Overlay o = overlay.get(id);
      if (o != null && shows(o, s, listed != null, now)) {
        found.add(o.info());
      } else if (listed != null) {
        found.add(listed);
      }
    }
    return found;
  }

  /** Whether our own write still stands in for Omni's answer (same rule as {@link #view()}). */
  private static boolean shows(Overlay o, Snapshot s, boolean listed, Instant now) {
    boolean unconfirmed = s == null || o.writtenAt().isAfter(s.startedAt());
    boolean stillExpected = o.created() && !listed && o.writtenAt().plus(CREATE_GRACE).isAfter(now);
    return unconfirmed || stillExpected;
  }

  /** Records a connection this operator just created. */
  public void noteCreated(OmniConnectionInfo info) {
    overlay.put(info.id(), new Overlay(info, clock.instant(), true));
  }

  /** Records a connection this operator just changed (patched or archived). */
  public void noteChanged(OmniConnectionInfo info) {
    overlay.put(info.id(), new Overlay(info, clock.instant(), false));
  }

  static Changes diff(Snapshot before, Snapshot after) {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    Map<String, OmniConnectionInfo> old = before == null ? Map.of() : before.byId();
    for (var e : after.byId().entrySet()) {
      if (!Objects.equals(old.get(e.getKey()), e.getValue())) {
        ids.add(e.getKey());
        names.add(e.getValue().name());
      }
    }
    for (var e : old.entrySet()) {
      if (!after.byId().containsKey(e.getKey())) {
        ids.add(e.getKey());
        names.add(e.getValue().name());
      }
    }
    return new Changes(ids, names);
  }
}
