package dev.gitops.omni.connection;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection to create ({@code POST .../connections}): the settings the planner chose, and, once
 * the driver adds them just before sending, the credentials.
 *
 * @param settings non-secret fields (strings, numbers, booleans); printed freely
 * @param secrets credential fields; never printed
 */
public record NewConnection(Map<WireField, Object> settings, Map<WireField, SecretValue> secrets) {
  public NewConnection {
    settings = Collections.unmodifiableMap(copy(settings));
    secrets = Collections.unmodifiableMap(copy(secrets));
    for (WireField f : settings.keySet()) {
      if (f.secret()) {
        throw new IllegalArgumentException(
            "create setting " + f + " is a secret: pass it in secrets");
      }
    }
  }

  /** Settings only; credentials are added by {@link #withSecrets}. */
  public static NewConnection of(Map<WireField, Object> settings) {
    return new NewConnection(settings, Map.of());
  }

  private static <V> Map<WireField, V> copy(Map<WireField, V> m) {
    return m == null || m.isEmpty() ? new EnumMap<>(WireField.class) : new EnumMap<>(m);
  }

  /** This create with the credentials it sends. */
  public NewConnection withSecrets(Map<WireField, SecretValue> credentials) {
    return new NewConnection(settings, credentials);
  }

  /** The settings by their wire names, in wire order: what a plan prints. */
  public Map<String, Object> settingsByWireName() {
    Map<String, Object> out = new LinkedHashMap<>();
    settings.forEach((f, v) -> out.put(f.wire(), v));
    return out;
  }

  public String name() {
    return (String) settings.get(WireField.NAME);
  }

  public String dialect() {
    return (String) settings.get(WireField.DIALECT);
  }

  /** How Omni's list shows this connection once it is created with {@code id}. */
  public ObservedConnection createdAs(String id) {
    return new ObservedConnection(
        id,
        name(),
        dialect(),
        (String) settings.get(WireField.DATABASE),
        (String) settings.get(WireField.DEFAULT_SCHEMA),
        (String) settings.get(WireField.BASE_ROLE),
        null,
        List.of(),
        null);
  }
}
