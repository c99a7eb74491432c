package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import java.util.Optional;

/**
 * A connection's neighbours through the instance's request budget: every call charged to the
 * resource, like its connection calls ({@link BudgetedOmniClient.Charged}), so schedules and links
 * never push Omni past its limit.
 */
final class ChargedNeighbours implements NeighbourClient {
  private final BudgetedOmniClient.Charged charged;
  private final NeighbourClient delegate;

  ChargedNeighbours(BudgetedOmniClient.Charged charged, NeighbourClient delegate) {
    this.charged = charged;
    this.delegate = delegate;
  }

  @Override
  public List<RefreshSchedule> schedules(String connectionId) {
    return charged.call("schedule-list", () -> delegate.schedules(connectionId));
  }

  @Override
  public RefreshSchedule createSchedule(String connectionId, RefreshSchedule schedule) {
    return charged.call("schedule-create", () -> delegate.createSchedule(connectionId, schedule));
  }

  @Override
  public RefreshSchedule updateSchedule(
      String connectionId, String scheduleId, RefreshSchedule schedule) {
    return charged.call(
        "schedule-update", () -> delegate.updateSchedule(connectionId, scheduleId, schedule));
  }

  @Override
  public void deleteSchedule(String connectionId, String scheduleId) {
    charged.call(
        "schedule-delete",
        () -> {
          delegate.deleteSchedule(connectionId, scheduleId);
          return null;
        });
  }

  @Override
  public Optional<List<EnvironmentLink>> environments() {
    return charged.call("environment-list", delegate::environments);
  }

  @Override
  public List<EnvironmentLink> linkEnvironments(String baseId, List<String> environmentIds) {
    return charged.call(
        "environment-create", () -> delegate.linkEnvironments(baseId, environmentIds));
  }

  @Override
  public void setEnvironmentValues(String linkId, List<String> values) {
    charged.call(
        "environment-update",
        () -> {
          delegate.setEnvironmentValues(linkId, values);
          return null;
        });
  }

  @Override
  public void unlinkEnvironment(String linkId) {
    charged.call(
        "environment-delete",
        () -> {
          delegate.unlinkEnvironment(linkId);
          return null;
        });
  }
}
