package dev.gitops.omni.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One organisation's connection-environment records. A POST links each environment connection to a
 * base connection; all must be live connections of the organisation with the base's dialect, and a
 * connection is linked to one base once (each rule a 400 naming the field, checked for every id
 * before anything is stored). Values are set by PUT and must be unique across one base's
 * environments. Links are allowed whether or not the base has an environment user attribute (Omni
 * then ignores them, so nothing is refused). Archiving either connection removes its records.
 * Guarded by the store's lock.
 */
final class EnvironmentBook {
  private final ConnectionStore store;
  private final Map<String, StoredEnvironment> byId = new LinkedHashMap<>();

  EnvironmentBook(ConnectionStore store) {
    this.store = store;
    store.onArchive(id -> byId.values().removeIf(e -> e.involves(id)));
  }

  List<Map<String, Object>> list() {
    synchronized (store) {
      return byId.values().stream().map(StoredEnvironment::view).toList();
    }
  }

  /** Creates one record per environment connection; answers their ids. */
  List<Map<String, Object>> create(EnvironmentBody body) {
    synchronized (store) {
      String baseId = body.baseConnectionId();
      StoredConnection base = store.live(baseId, false);
      if (base == null) {
        throw ApiError.field(EnvironmentBody.BASE, missing(baseId));
      }
      Set<String> seen = new HashSet<>();
      for (String id : body.environmentConnectionIds()) {
        StoredConnection env = store.live(id, false);
        if (id.equals(baseId)) {
          throw refused("A connection cannot be an environment of itself");
        } else if (env == null) {
          throw refused(missing(id));
        } else if (!env.dialect.equals(base.dialect)) {
          throw refused(
              "Connection with id "
                  + id
                  + " has dialect "
                  + env.dialect
                  + ", the base connection has "
                  + base.dialect);
        } else if (!seen.add(id) || linked(baseId, id)) {
          throw refused(
              "Connection with id " + id + " is already an environment of this base connection");
        }
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (String id : body.environmentConnectionIds()) {
        out.add(add(baseId, id, List.of()).created());
      }
      return out;
    }
  }

  /** Sets a record's values. */
  void update(String recordId, List<String> values) {
    synchronized (store) {
      StoredEnvironment e = find(recordId);
      for (String value : values) {
        for (StoredEnvironment other : byId.values()) {
          if (other != e
              && other.baseConnectionId.equals(e.baseConnectionId)
              && other.values.contains(value)) {
            throw ApiError.badRequest("User attribute value \"" + value + "\" is already in use");
          }
        }
      }
      e.values = new ArrayList<>(values);
    }
  }

  /** Removes a record. */
  void delete(String recordId) {
    synchronized (store) {
      byId.remove(find(recordId).id);
    }
  }

  /** The base connection of a record, or null; for the journal only. */
  String baseOf(String recordId) {
    synchronized (store) {
      StoredEnvironment e = recordId == null ? null : byId.get(recordId);
      return e == null ? null : e.baseConnectionId;
    }
  }

  // ---- direct access for tests: no rules, no rate limit, no journal ----

  /** Links two stored connections with these values, whatever the rules say. */
  String seed(String baseId, String environmentId, List<String> values) {
    synchronized (store) {
      for (String id : List.of(baseId, environmentId)) {
        if (!store.exists(id)) {
          throw new IllegalArgumentException("no connection " + id);
        }
      }
      return add(baseId, environmentId, values).id;
    }
  }

  /** Replaces a record's values; false when there is no such record. */
  boolean change(String recordId, List<String> values) {
    synchronized (store) {
      StoredEnvironment e = byId.get(recordId);
      if (e != null) {
        e.values = new ArrayList<>(values);
      }
      return e != null;
    }
  }

  boolean remove(String recordId) {
    synchronized (store) {
      return byId.remove(recordId) != null;
    }
  }

  List<EnvironmentSnapshot> snapshots() {
    synchronized (store) {
      return byId.values().stream().map(StoredEnvironment::snapshot).toList();
    }
  }

  private StoredEnvironment add(String baseId, String environmentId, List<String> values) {
    StoredEnvironment e =
        new StoredEnvironment(UUID.randomUUID().toString(), baseId, environmentId);
    e.values = new ArrayList<>(values);
    byId.put(e.id, e);
    return e;
  }

  private boolean linked(String baseId, String environmentId) {
    return byId.values().stream()
        .anyMatch(e -> e.baseConnectionId.equals(baseId) && e.connectionId.equals(environmentId));
  }

  private StoredEnvironment find(String recordId) {
    StoredEnvironment e = byId.get(recordId);
    if (e == null) {
      throw new ApiError(404, "Connection environment with id " + recordId + " does not exist");
    }
    return e;
  }

  private static String missing(String id) {
    return "Connection with id " + id + " does not exist";
  }

  private static ApiError refused(String why) {
    return ApiError.field(EnvironmentBody.ENVIRONMENTS, why);
  }
}
