package dev.gitops.omni.operator;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ObservedConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  private final Clock clock;
  private final Map<String, Overlay> overlay = new ConcurrentHashMap<>();
  private final Map<String, Creator> creators = new ConcurrentHashMap<>();
  private final List<Consumer<ListChanges>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot;

  /** One list result. {@code startedAt} is when the call was sent. */
  public record Snapshot(
      Map<String, ObservedConnection> byId,
      Map<String, List<ObservedConnection>> byName,
      Instant startedAt) {
    static Snapshot of(List<ObservedConnection> list, Instant startedAt) {
      Map<String, ObservedConnection> byId = new LinkedHashMap<>();
      Map<String, List<ObservedConnection>> byName = new HashMap<>();
      for (ObservedConnection c : list) {
        byId.put(c.id(), c);
        byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c);
      }
      return new Snapshot(byId, byName, startedAt);
    }
  }

  /** What a refresh found different from the previous list: ids and names to re-reconcile. */
  public record ListChanges(Set<String> ids, Set<String> names) {}

  private record Overlay(ObservedConnection info, Instant writtenAt, boolean created) {}

  public ConnectionCache(Clock clock) {
    this.clock = clock;
  }

  public void addListener(Consumer<ListChanges> listener) {
    listeners.add(listener);
  }

  /** When the current list was requested, or null before the first list. */
  public Instant startedAt() {
    Snapshot s = snapshot;
    return s == null ? null : s.startedAt();
  }

  /**
   * Makes sure the list was requested after {@code instant}: returns at once when it was, otherwise
   * lists once through {@code omni}, charged to its caller (callers arriving meanwhile wait for
   * that one call and share it).
   */
  public void refreshIfStartedBefore(Instant instant, OmniClient omni) {
    if (isNewerThan(instant)) {
      return;
    }
    synchronized (this) {
      if (isNewerThan(instant)) {
        return;
      }
      Instant started = clock.instant();
      List<ObservedConnection> list = omni.list(ListFilter.ALL_INCLUDING_DELETED);
      Snapshot previous = snapshot;
      snapshot = Snapshot.of(list, started);
      ListChanges changes = diff(previous, snapshot);
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
  public List<ObservedConnection> view() {
    Snapshot s = snapshot;
    Map<String, ObservedConnection> merged = new LinkedHashMap<>(s == null ? Map.of() : s.byId());
    for (String id : overlay.keySet()) {
      Optional<ObservedConnection> c = overlaid(s, id, merged.get(id));
      if (c.isPresent()) {
        merged.put(id, c.get());
      } else {
        merged.remove(id);
      }
    }
    return new ArrayList<>(merged.values());
  }

  /**
   * The part of {@link #view()} one resource can match: the given ids and every connection with
   * exactly this name. Cheap whatever the size of the list, so a reconcile never copies it all.
   */
  public List<ObservedConnection> lookup(Set<String> ids, String name) {
    Snapshot s = snapshot;
    Map<String, ObservedConnection> found = new LinkedHashMap<>();
    if (s != null) {
      ids.forEach(id -> found.put(id, s.byId().get(id)));
      s.byName().getOrDefault(name, List.of()).forEach(c -> found.put(c.id(), c));
    }
    overlay.forEach(
        (id, o) -> {
          if (ids.contains(id) || name.equals(o.info().name())) {
            found.put(id, s == null ? null : s.byId().get(id));
          }
        });
    List<ObservedConnection> out = new ArrayList<>();
    found.forEach((id, listed) -> overlaid(s, id, listed).ifPresent(out::add));
    return out;
  }

  /** One connection by id, as {@link #view()} would show it. */
  public Optional<ObservedConnection> find(String id) {
    Snapshot s = snapshot;
    return overlaid(s, id, s == null ? null : s.byId().get(id));
  }

  /** One id once our own unconfirmed writes are laid over Omni's answer ({@code listed}). */
  private Optional<ObservedConnection> overlaid(Snapshot s, String id, ObservedConnection listed) {
    Overlay o = overlay.get(id);
    if (o == null) {
      return Optional.ofNullable(listed);
    }
    boolean unconfirmed = s == null || o.writtenAt().isAfter(s.startedAt());
    boolean stillExpected =
        o.created() && listed == null && o.writtenAt().plus(CREATE_GRACE).isAfter(clock.instant());
    if (unconfirmed || stillExpected) {
      return Optional.of(o.info());
    }
    overlay.remove(id, o);
    return Optional.ofNullable(listed);
  }

  /** Records a connection this operator just created. */
  public void noteCreated(ObservedConnection info) {
    overlay.put(info.id(), new Overlay(info, clock.instant(), true));
  }

  /**
   * Records a connection this operator just created for {@code resourceKey}: until the informer
   * shows that resource's status with the id, another resource must not take it for a free
   * connection of the same name ({@link #createdFor}).
   */
  public void noteCreated(ObservedConnection info, String resourceKey) {
    noteCreated(info);
    creators.put(info.id(), new Creator(resourceKey, clock.instant()));
  }

  /** The resource a connection was created for in the last {@link #CREATE_GRACE}, if any. */
  public Optional<String> createdFor(String id) {
    Creator c = creators.get(id);
    if (c == null) {
      return Optional.empty();
    }
    if (c.at().plus(CREATE_GRACE).isBefore(clock.instant())) {
      creators.remove(id, c);
      return Optional.empty();
    }
    return Optional.of(c.resourceKey());
  }

  private record Creator(String resourceKey, Instant at) {}

  /** Records a connection this operator just changed (patched or archived). */
  public void noteChanged(ObservedConnection info) {
    overlay.put(info.id(), new Overlay(info, clock.instant(), false));
  }

  static ListChanges diff(Snapshot before, Snapshot after) {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    Map<String, ObservedConnection> old = before == null ? Map.of() : before.byId();
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
    return new ListChanges(ids, names);
  }
}
