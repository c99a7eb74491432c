package dev.gitops.omni.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The simulator's connections, shared by both API prefixes. Every method holds the store's lock, so
 * a patch's uniqueness check and its update are atomic. The organisation's schedules and
 * environment records use the same lock (they synchronise on this store), so a connection cannot be
 * archived between their check and their change. Connection names are not unique, like in Omni.
 */
final class ConnectionStore {
  private final Map<String, StoredConnection> byId = new LinkedHashMap<>();
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final List<Consumer<String>> archiveListeners = new ArrayList<>();

  ConnectionStore(Clock clock, LongSupplier nanoTime) {
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  ConnectionStore() {
    this(Clock.systemUTC(), System::nanoTime);
  }

  /**
   * Stores a new connection and returns its id.
   *
   * @param id the id to use, or null for a fresh UUID
   * @param invisibleFor how long get, patch and delete answer 404 for the new id
   * @param schedulesNotReadyFor how long its schedule calls answer 404 (counted from the create)
   */
  synchronized String create(
      String id, ValidatedCreate spec, Duration invisibleFor, Duration schedulesNotReadyFor) {
    String newId = id == null ? UUID.randomUUID().toString() : id;
    if (byId.containsKey(newId)) {
      throw new IllegalArgumentException("a connection with id " + newId + " already exists");
    }
    long now = nanoTime.getAsLong();
    byId.put(
        newId,
        new StoredConnection(
            newId,
            spec,
            now(),
            now + invisibleFor.toNanos(),
            now + schedulesNotReadyFor.toNanos()));
    return newId;
  }

  /**
   * A live connection that schedule and environment calls may use: it exists, is past its
   * invisibility period and is not archived; with {@code forSchedules}, also past its
   * schedules-not-ready period. Otherwise null. Callers hold the store's lock.
   */
  synchronized StoredConnection live(String id, boolean forSchedules) {
    StoredConnection c = id == null ? null : byId.get(id);
    long now = nanoTime.getAsLong();
    if (c == null || c.archived() || now - c.visibleAfterNanos < 0) {
      return null;
    }
    return forSchedules && now - c.schedulesReadyAfterNanos < 0 ? null : c;
  }

  /** Whether a connection with this id was ever stored (archived ones included). */
  synchronized boolean exists(String id) {
    return byId.containsKey(id);
  }

  /** Called with a connection's id, under the store's lock, each time one is archived. */
  synchronized void onArchive(Consumer<String> listener) {
    archiveListeners.add(listener);
  }

  /**
   * Runs {@code action} on a connection a get, patch or delete may see: it exists and is past its
   * invisibility period; otherwise 404 {@code Connection not found}.
   */
  synchronized <T> T withVisible(String id, Function<StoredConnection, T> action) {
    StoredConnection c = byId.get(id);
    if (c == null || nanoTime.getAsLong() - c.visibleAfterNanos < 0) {
      throw ApiError.notFound();
    }
    return action.apply(c);
  }

  /** Runs {@code action} over every connection, archived included, in creation order. */
  synchronized <T> T withAll(Function<Collection<StoredConnection>, T> action) {
    return action.apply(byId.values());
  }

  /**
   * Archives a connection: sets {@code deletedAt} and erases its stored secrets. 404 when unknown
   * (or not visible yet, if {@code honourVisibility}), 410 when already archived.
   */
  synchronized void archive(String id, boolean honourVisibility) {
    StoredConnection c = byId.get(id);
    if (c == null || (honourVisibility && nanoTime.getAsLong() - c.visibleAfterNanos < 0)) {
      throw ApiError.notFound();
    }
    if (c.archived()) {
      throw new ApiError(410, "Connection already archived");
    }
    c.deletedAt = now();
    c.updatedAt = c.deletedAt;
    c.secrets.clear();
    archiveListeners.forEach(l -> l.accept(id));
  }

  synchronized List<ConnectionSnapshot> snapshots() {
    List<ConnectionSnapshot> out = new ArrayList<>();
    byId.values().forEach(c -> out.add(c.snapshot()));
    return out;
  }

  synchronized Optional<ConnectionSnapshot> snapshot(String id) {
    return Optional.ofNullable(byId.get(id)).map(StoredConnection::snapshot);
  }

  /** Whether the stored secret {@code field} equals {@code candidate}; never reveals the value. */
  synchronized boolean secretMatches(String id, String field, String candidate) {
    StoredConnection c = byId.get(id);
    return c != null && candidate != null && candidate.equals(c.secrets.get(field));
  }

  Instant now() {
    return clock.instant();
  }
}
