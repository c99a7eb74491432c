package dev.gitops.omni.simulator;

import java.util.List;

/**
 * A read-only copy of one connection-environment record, for tests and benches to inspect: see
 * {@link Organisation#environments()}.
 *
 * @param id the record's id (what PUT and DELETE take), not a connection id
 * @param connectionId the environment connection
 */
public record EnvironmentSnapshot(
    String id, String baseConnectionId, String connectionId, List<String> userAttributeValues) {
  public EnvironmentSnapshot {
    userAttributeValues = List.copyOf(userAttributeValues);
  }
}
