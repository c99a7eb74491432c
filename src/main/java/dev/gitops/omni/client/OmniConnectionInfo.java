package dev.gitops.omni.client;

import java.util.List;

/**
 * One connection as Omni's list or get returns it. Omni never returns secrets, host, port,
 * username, warehouse or schema lists, so those cannot be observed. Fields a given instance does
 * not return are null.
 *
 * @param dialect normalised: {@code sqlserver} is read as {@code mssql}
 * @param deletedAt non-null when the connection is archived
 */
public record OmniConnectionInfo(
    String id,
    String name,
    String dialect,
    String database,
    String defaultSchema,
    String baseRole,
    String environmentAttributeName,
    List<String> environmentDefaultValues,
    String deletedAt) {

  public OmniConnectionInfo {
    environmentDefaultValues =
        environmentDefaultValues == null ? List.of() : List.copyOf(environmentDefaultValues);
  }

  public boolean archived() {
    return deletedAt != null && !deletedAt.isBlank();
  }
}
