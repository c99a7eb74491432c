package dev.gitops.omni.connection;

import java.util.List;

/**
 * One connection as Omni's list (or get) reports it. Omni never returns secrets, host, port,
 * username, warehouse or schema lists, so those cannot be observed. A field a given instance does
 * not return is null.
 *
 * @param dialect normalised: {@code sqlserver} is read as {@code mssql}
 * @param deletedAt non-null when the connection is archived
 */
public record ObservedConnection(
    String id,
    String name,
    String dialect,
    String database,
    String defaultSchema,
    String baseRole,
    String environmentAttributeName,
    List<String> environmentDefaultValues,
    String deletedAt) {

  public ObservedConnection {
    environmentDefaultValues =
        environmentDefaultValues == null ? List.of() : List.copyOf(environmentDefaultValues);
  }

  public boolean archived() {
    return deletedAt != null && !deletedAt.isBlank();
  }

  /** This connection as archived at {@code when}. */
  public ObservedConnection archivedAt(String when) {
    return new ObservedConnection(
        id,
        name,
        dialect,
        database,
        defaultSchema,
        baseRole,
        environmentAttributeName,
        environmentDefaultValues,
        when);
  }
}
