package dev.gitops.omni.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One organisation's schema-refresh schedules, several per connection allowed. Every API call needs
 * a live connection of the organisation that is past its schedules-not-ready period (see {@link
 * SimulatorOptions#scheduleNotReadyFor()}); otherwise 404 {@code Connection with id <id> does not
 * exist}, the detail seen on live instances. An archived connection keeps its schedules (Omni can
 * restore it from Trash) but its schedule calls answer that 404. Guarded by the store's lock.
 */
final class ScheduleBook {
  private final ConnectionStore store;
  private final Map<String, StoredSchedule> byId = new LinkedHashMap<>();

  ScheduleBook(ConnectionStore store) {
    this.store = store;
  }

  static ApiError noConnection(String connectionId) {
    return new ApiError(404, "Connection with id " + connectionId + " does not exist");
  }

  List<Map<String, Object>> list(String connectionId) {
    synchronized (store) {
      ready(connectionId);
      List<Map<String, Object>> out = new ArrayList<>();
      byId.values().stream()
          .filter(s -> s.connectionId.equals(connectionId))
          .forEach(s -> out.add(s.view()));
      return out;
    }
  }

  Map<String, Object> get(String connectionId, String scheduleId) {
    synchronized (store) {
      ready(connectionId);
      return find(connectionId, scheduleId).view();
    }
  }

  Map<String, Object> create(String connectionId, ScheduleBody body) {
    synchronized (store) {
      ready(connectionId);
      return add(connectionId, body).view();
    }
  }

  Map<String, Object> update(String connectionId, String scheduleId, ScheduleBody body) {
    synchronized (store) {
      ready(connectionId);
      StoredSchedule s = find(connectionId, scheduleId);
      s.body = body;
      s.updatedAt = store.now();
      return s.view();
    }
  }

  void delete(String connectionId, String scheduleId) {
    synchronized (store) {
      ready(connectionId);
      byId.remove(find(connectionId, scheduleId).scheduleId);
    }
  }

  // ---- direct access for tests: no readiness period, no rate limit, no journal ----

  /** Adds a schedule to any stored connection (archived too); throws when there is none. */
  String seed(String connectionId, ScheduleBody body) {
    synchronized (store) {
      if (!store.exists(connectionId)) {
        throw new IllegalArgumentException("no connection " + connectionId);
      }
      return add(connectionId, body).scheduleId;
    }
  }

  /** Replaces a schedule's body as a change in Omni's UI would; false when there is none. */
  boolean change(String scheduleId, ScheduleBody body) {
    synchronized (store) {
      StoredSchedule s = byId.get(scheduleId);
      if (s != null) {
        s.body = body;
        s.updatedAt = store.now();
      }
      return s != null;
    }
  }

  /** Removes a schedule; false when there is none. */
  boolean remove(String scheduleId) {
    synchronized (store) {
      return byId.remove(scheduleId) != null;
    }
  }

  List<ScheduleSnapshot> snapshots(String connectionId) {
    synchronized (store) {
      return byId.values().stream()
          .filter(s -> connectionId == null || s.connectionId.equals(connectionId))
          .map(StoredSchedule::snapshot)
          .toList();
    }
  }

  private StoredSchedule add(String connectionId, ScheduleBody body) {
    StoredSchedule s =
        new StoredSchedule(UUID.randomUUID().toString(), connectionId, body, store.now());
    byId.put(s.scheduleId, s);
    return s;
  }

  private void ready(String connectionId) {
    if (store.live(connectionId, true) == null) {
      throw noConnection(connectionId);
    }
  }

  private StoredSchedule find(String connectionId, String scheduleId) {
    StoredSchedule s = byId.get(scheduleId);
    if (s == null || !s.connectionId.equals(connectionId)) {
      throw new ApiError(404, "Schedule with id " + scheduleId + " does not exist");
    }
    return s;
  }
}
