package dev.gitops.omni.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection as the store holds it, secrets included. Mutable, and only touched while holding
 * the {@link ConnectionStore}'s lock. {@link #toString()} never prints secrets.
 */
final class StoredConnection {
  final String id;
  final String name;
  final String dialect;
  final Map<String, Object> settings;
  final Map<String, String> secrets;
  final Instant createdAt;
  final long visibleAfterNanos;
  final long schedulesReadyAfterNanos;
  String baseRole;
  String attributeName;
  List<String> attributeValues = new ArrayList<>();
  long credentialsGeneration;
  Instant updatedAt;
  Instant deletedAt;

  StoredConnection(
      String id,
      ValidatedCreate spec,
      Instant createdAt,
      long visibleAfterNanos,
      long schedulesReadyAfterNanos) {
    this.id = id;
    this.name = spec.name();
    this.dialect = spec.dialect();
    this.settings = new LinkedHashMap<>(spec.settings());
    this.secrets = new LinkedHashMap<>(spec.secrets());
    this.baseRole = spec.baseRole();
    this.attributeName = spec.attributeName();
    this.attributeValues = new ArrayList<>(spec.attributeValues());
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.visibleAfterNanos = visibleAfterNanos;
    this.schedulesReadyAfterNanos = schedulesReadyAfterNanos;
  }

  String database() {
    return settings.get("database") instanceof String s ? s : null;
  }

  String defaultSchema() {
    return settings.get("defaultSchema") instanceof String s ? s : null;
  }

  boolean archived() {
    return deletedAt != null;
  }

  ConnectionSnapshot snapshot() {
    return new ConnectionSnapshot(
        id,
        name,
        dialect,
        database(),
        defaultSchema(),
        baseRole,
        attributeName,
        attributeValues,
        settings,
        secrets.containsKey(ValidatedCreate.PASSWORD),
        secrets.containsKey(ValidatedCreate.PRIVATE_KEY),
        secrets.containsKey(ValidatedCreate.OAUTH_SECRET),
        credentialsGeneration,
        createdAt,
        updatedAt,
        deletedAt);
  }

  @Override
  public String toString() {
    return "StoredConnection[" + id + " " + dialect + " '" + name + "']";
  }
}
