package dev.gitops.omni.client;

import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import java.util.Optional;

/**
 * What Omni hangs off a connection ({@code v1} only): its schema-refresh schedules and its
 * environment links. Neither has a list across connections. Every method throws {@link
 * OmniApiException} on a failure, as {@link OmniClient} does; no retries inside.
 */
public interface NeighbourClient {
  /** {@code GET {prefix}/connections/{id}/schedules}. */
  List<RefreshSchedule> schedules(String connectionId);

  /** {@code POST {prefix}/connections/{id}/schedules}: returns the schedule with its new id. */
  RefreshSchedule createSchedule(String connectionId, RefreshSchedule schedule);

  /** {@code PUT {prefix}/connections/{id}/schedules/{scheduleId}}. */
  RefreshSchedule updateSchedule(String connectionId, String scheduleId, RefreshSchedule schedule);

  /** {@code DELETE {prefix}/connections/{id}/schedules/{scheduleId}}. */
  void deleteSchedule(String connectionId, String scheduleId);

  /**
   * {@code GET {prefix}/connection-environments}: every link of the organisation; empty when this
   * Omni has no such GET (older instances answer 404): then only the links the caller made are
   * known.
   */
  Optional<List<EnvironmentLink>> environments();

  /**
   * {@code POST {prefix}/connection-environments}: links each environment connection to the base;
   * returns the new records (their ids, without values yet).
   */
  List<EnvironmentLink> linkEnvironments(String baseConnectionId, List<String> environmentIds);

  /** {@code PUT {prefix}/connection-environments/{id}}: the record's user attribute values. */
  void setEnvironmentValues(String linkId, List<String> userAttributeValues);

  /**
   * {@code DELETE {prefix}/connection-environments/{id}}: removes the link, not the connections.
   */
  void unlinkEnvironment(String linkId);
}
