package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory Omni of a connection's neighbours: schedules per connection and environment records,
 * calls recorded by route, a scripted number of 404s (the schedules of a connection just created),
 * and an Omni without the environments GET. No HTTP.
 */
final class TestingNeighbours implements NeighbourClient {
  final Map<String, List<RefreshSchedule>> schedules = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  int notFoundFor;
  final Map<String, EnvironmentLink> links = new LinkedHashMap<>();
  boolean noEnvironmentList;
  OmniApiException failNextValues;

  /** A failure for the n-th call (1-based, all routes counted). */
  final Map<Integer, OmniApiException> failAtCall = new java.util.HashMap<>();

  OmniApiException failNext;
  private int nextId = 1;

  TestingNeighbours seed(String connectionId, String cron, String zone) {
    schedules
        .computeIfAbsent(connectionId, c -> new ArrayList<>())
        .add(new RefreshSchedule("s" + nextId++, cron, zone));
    return this;
  }

  long count(String route) {
    return calls.stream().filter(route::equals).count();
  }

  private List<RefreshSchedule> of(String route, String connectionId) {
    calls.add(route);
    OmniApiException scripted = failAtCall.remove(calls.size());
    if (scripted != null) {
      throw scripted;
    }
    if (failNext != null) {
      OmniApiException e = failNext;
      failNext = null;
      throw e;
    }
    if (notFoundFor > 0) {
      notFoundFor--;
      throw new OmniApiException(
          OmniFailure.NOT_FOUND, 404, "Connection with id " + connectionId + " does not exist");
    }
    return schedules.computeIfAbsent(connectionId, c -> new ArrayList<>());
  }

  @Override
  public List<RefreshSchedule> schedules(String connectionId) {
    return List.copyOf(of("schedule-list", connectionId));
  }

  @Override
  public RefreshSchedule createSchedule(String connectionId, RefreshSchedule s) {
    RefreshSchedule made = new RefreshSchedule("s" + nextId++, s.schedule(), s.timezone());
    of("schedule-create", connectionId).add(made);
    return made;
  }

  @Override
  public RefreshSchedule updateSchedule(String connectionId, String id, RefreshSchedule s) {
    List<RefreshSchedule> list = of("schedule-update", connectionId);
    RefreshSchedule changed = new RefreshSchedule(id, s.schedule(), s.timezone());
    list.replaceAll(x -> x.id().equals(id) ? changed : x);
    return changed;
  }

  @Override
  public void deleteSchedule(String connectionId, String id) {
    of("schedule-delete", connectionId).removeIf(x -> x.id().equals(id));
  }

  @Override
  public Optional<List<EnvironmentLink>> environments() {
    calls.add("environment-list");
    return noEnvironmentList ? Optional.empty() : Optional.of(List.copyOf(links.values()));
  }

  @Override
  public List<EnvironmentLink> linkEnvironments(String base, List<String> ids) {
    calls.add("environment-create");
    List<EnvironmentLink> made = new ArrayList<>();
    for (String id : ids) {
      EnvironmentLink l = new EnvironmentLink("e" + nextId++, base, id, List.of());
      links.put(l.id(), l);
      made.add(l);
    }
    return made;
  }

  @Override
  public void setEnvironmentValues(String linkId, List<String> values) {
    calls.add("environment-update");
    if (failNextValues != null) {
      OmniApiException e = failNextValues;
      failNextValues = null;
      throw e;
    }
    EnvironmentLink l = links.get(linkId);
    if (l == null) {
      throw new OmniApiException(OmniFailure.NOT_FOUND, 404, "no record " + linkId);
    }
    links.put(
        linkId,
        new EnvironmentLink(linkId, l.baseConnectionId(), l.environmentConnectionId(), values));
  }

  @Override
  public void unlinkEnvironment(String linkId) {
    calls.add("environment-delete");
    if (links.remove(linkId) == null) {
      throw new OmniApiException(OmniFailure.NOT_FOUND, 404, "no record " + linkId);
    }
  }
}
