package dev.gitops.omni.operator;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory Omni for the operator's unit tests: keeps connections, records every call, and
 * answers with scripted faults (including a POST that is stored but whose answer is lost). No HTTP.
 */
final class TestingOmniClient implements OmniClient {
  enum Route {
    LIST,
    GET,
    CREATE,
    PATCH,
    DELETE
  }

  /** One call as Omni received it. */
  record Call(Route route, String id, NewConnection created, ConnectionPatch patch) {}

  private final Map<String, ObservedConnection> connections = new LinkedHashMap<>();
  private final Map<Route, Deque<RuntimeException>> faults = new EnumMap<>(Route.class);
  private final List<Call> calls = new ArrayList<>();
  private boolean supportsDelete = true;
  private boolean loseNextCreateAnswer;
  private int nextId = 1;
  private Runnable beforeCreate = () -> {};

  /** Runs as each POST arrives, before Omni looks at it (outside the fake's lock). */
  TestingOmniClient beforeCreate(Runnable hook) {
    beforeCreate = hook;
    return this;
  }

  TestingOmniClient withoutDelete() {
    supportsDelete = false;
    return this;
  }

  /** A connection that exists in Omni before the test starts. */
  TestingOmniClient seed(ObservedConnection c) {
    connections.put(c.id(), c);
    return this;
  }

  /** The next call on {@code route} fails with {@code e} (and stores nothing). */
  TestingOmniClient failNext(Route route, RuntimeException e) {
    faults.computeIfAbsent(route, r -> new ArrayDeque<>()).add(e);
    return this;
  }

  /** The next call on {@code route} gets this HTTP status. */
  TestingOmniClient failNext(Route route, OmniFailure kind, int status) {
    return failNext(route, new OmniApiException(kind, status, "scripted " + status));
  }

  /** The next POST is stored, but its answer never arrives (a read timeout). */
  TestingOmniClient loseNextCreateAnswer() {
    loseNextCreateAnswer = true;
    return this;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized long count(Route route) {
    return calls.stream().filter(c -> c.route() == route).count();
  }

  synchronized Map<String, ObservedConnection> connections() {
    return Map.copyOf(connections);
  }

  synchronized List<ObservedConnection> live() {
    return connections.values().stream().filter(c -> !c.archived()).toList();
  }

  private void receive(Call call) {
    calls.add(call);
    Deque<RuntimeException> queue = faults.get(call.route());
    if (queue != null && !queue.isEmpty()) {
      throw queue.poll();
    }
  }

  @Override
  public synchronized List<ObservedConnection> list(ListFilter filter) {
    receive(new Call(Route.LIST, null, null, null));
    return List.copyOf(connections.values());
  }

  @Override
  public synchronized ObservedConnection get(String id) {
    receive(new Call(Route.GET, id, null, null));
    ObservedConnection c = connections.get(id);
    if (c == null) {
      throw new OmniApiException(OmniFailure.NOT_FOUND, 404, "no connection " + id);
    }
    return c;
  }

  @Override
  public String create(NewConnection connection) {
    beforeCreate.run();
    synchronized (this) {
      return store(connection);
    }
  }

  private String store(NewConnection connection) {
    receive(new Call(Route.CREATE, null, connection, null));
    String id = "c" + nextId++;
    connections.put(id, connection.createdAs(id));
    if (loseNextCreateAnswer) {
      loseNextCreateAnswer = false;
      throw new OmniApiException(OmniFailure.UNAVAILABLE, 0, "read timed out");
    }
    return id;
  }

  @Override
  public synchronized String patch(String id, ConnectionPatch patch) {
    receive(new Call(Route.PATCH, id, null, patch));
    ObservedConnection c = connections.get(id);
    if (c == null) {
      throw new OmniApiException(OmniFailure.NOT_FOUND, 404, "no connection " + id);
    }
    connections.put(id, patch.appliedTo(c));
    return "Updated connection.";
  }

  @Override
  public synchronized void delete(String id) {
    receive(new Call(Route.DELETE, id, null, null));
    ObservedConnection c = connections.get(id);
    if (c == null || c.archived()) {
      throw new OmniApiException(OmniFailure.NOT_FOUND, 404, "no connection " + id);
    }
    connections.put(id, c.archivedAt("2026-11-30T00:00:00Z"));
  }

  @Override
  public boolean supportsDelete() {
    return supportsDelete;
  }
}
