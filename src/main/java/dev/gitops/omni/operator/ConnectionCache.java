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

  /** One list result. {@code startedAt} is when the call was sent. */
  public record Snapshot(Map<String, OmniConnectionInfo> byId, Instant startedAt) {}

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
          boolean unconfirmed = s == null || o.writtenAt().isAfter(s.startedAt());
          boolean stillExpected =
              o.created()
                  && !merged.containsKey(id)
                  && o.writtenAt().plus(CREATE_GRACE).isAfter(now);
          if (unconfirmed || stillExpected) {
            merged.put(id, o.info());
          } else {
            overlay.remove(id, o);
          }
        });
    return new ArrayList<>(merged.values());
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
