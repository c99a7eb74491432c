package dev.gitops.omni.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only copy of one stored connection, for tests to inspect the simulator's state. It holds
 * no secret values: only whether each secret is stored, and a generation counter that increments on
 * every credential rotation (PATCH with {@code passwordUnencrypted} or {@code privateKey}).
 *
 * @param settings the non-secret fields sent at create, by their Omni names (host, port, warehouse,
 *     schemas, flags...), including what the list API never returns
 * @param credentialsGeneration 0 after create, +1 per credential rotation
 * @param deletedAt set once archived
 */
public record ConnectionSnapshot(
    String id,
    String name,
    String dialect,
    String database,
    String defaultSchema,
    String baseRole,
    String environmentAttributeName,
    List<String> environmentDefaultValues,
    Map<String, Object> settings,
    boolean hasPassword,
    boolean hasPrivateKey,
    boolean hasOauthClientSecret,
    long credentialsGeneration,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public ConnectionSnapshot {
    environmentDefaultValues = List.copyOf(environmentDefaultValues);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public boolean archived() {
    return deletedAt != null;
  }
}
