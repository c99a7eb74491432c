package dev.gitops.omni.connection;

import java.util.List;

/**
 * Omni's record that {@code environmentConnectionId} stands in for {@code baseConnectionId} for
 * users whose environment attribute has one of {@code userAttributeValues}. {@code id} is the
 * record's id (not a connection id), null before it is created.
 */
public record EnvironmentLink(
    String id,
    String baseConnectionId,
    String environmentConnectionId,
    List<String> userAttributeValues) {
  public EnvironmentLink {
    userAttributeValues =
        userAttributeValues == null ? List.of() : List.copyOf(userAttributeValues);
  }
}
