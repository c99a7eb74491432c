package dev.gitops.omni.client;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates and patches for the client tests, written with Omni's field names. */
public final class Requests {
  private Requests() {}

  public static NewConnection create(Map<String, ?> settings, Map<String, SecretValue> secrets) {
    Map<WireField, Object> s = new EnumMap<>(WireField.class);
    new LinkedHashMap<>(settings).forEach((k, v) -> s.put(field(k), v));
    Map<WireField, SecretValue> c = new EnumMap<>(WireField.class);
    secrets.forEach((k, v) -> c.put(field(k), v));
    return new NewConnection(s, c);
  }

  /** A patch with the given changes; a credential given is rotated and sent. */
  public static ConnectionPatch patch(
      String baseRole,
      boolean setEnvironment,
      EnvironmentUserAttribute environment,
      SecretValue password,
      SecretValue privateKey) {
    var rotated = EnumSet.noneOf(WireField.class);
    Map<WireField, SecretValue> values = new EnumMap<>(WireField.class);
    if (password != null) {
      rotated.add(WireField.PASSWORD);
      values.put(WireField.PASSWORD, password);
    }
    if (privateKey != null) {
      rotated.add(WireField.PRIVATE_KEY);
      values.put(WireField.PRIVATE_KEY, privateKey);
    }
    return new ConnectionPatch(baseRole, setEnvironment, environment, rotated, values);
  }

  private static WireField field(String wire) {
    return WireField.byWire(wire)
        .orElseThrow(() -> new IllegalArgumentException("no wire field " + wire));
  }
}
