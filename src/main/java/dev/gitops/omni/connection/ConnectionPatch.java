package dev.gitops.omni.connection;

import dev.gitops.omni.model.EnvironmentUserAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-place update ({@code PATCH .../connections/{id}}), made by the planner and sent as it is by
 * the client. Only fields Omni can change in place appear.
 *
 * @param baseRole the new base role, or null: unchanged
 * @param setEnvironment whether the environment attribute is sent; {@code environment} null then
 *     removes it
 * @param rotated the credentials to send again (their Secret changed)
 * @param secrets the values of {@code rotated}, added by the driver just before sending
 */
public record ConnectionPatch(
    String baseRole,
    boolean setEnvironment,
    EnvironmentUserAttribute environment,
    Set<WireField> rotated,
    Map<WireField, SecretValue> secrets) {

  public static final ConnectionPatch NONE =
      new ConnectionPatch(null, false, null, Set.of(), Map.of());

  public ConnectionPatch {
    rotated = rotated.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(rotated));
    for (WireField f : rotated) {
      if (!f.secret() || !f.patchable()) {
        throw new IllegalArgumentException(f + " cannot be rotated in place");
      }
    }
    Map<WireField, SecretValue> values = new EnumMap<>(WireField.class);
    secrets.forEach((f, v) -> values.put(f, v));
    values.keySet().retainAll(rotated);
    secrets = Collections.unmodifiableMap(values);
  }

  /** This patch with the values of the credentials it rotates, taken from {@code credentials}. */
  public ConnectionPatch withSecrets(Map<WireField, SecretValue> credentials) {
    return new ConnectionPatch(baseRole, setEnvironment, environment, rotated, credentials);
  }

  public boolean isEmpty() {
    return baseRole == null && !setEnvironment && rotated.isEmpty();
  }

  public boolean rotatesCredentials() {
    return !rotated.isEmpty();
  }

  /** The fields this patch sends, in wire order; for plans, events and logs (never values). */
  public List<WireField> fields() {
    List<WireField> f = new ArrayList<>();
    if (baseRole != null) {
      f.add(WireField.BASE_ROLE);
    }
    if (setEnvironment) {
      f.add(WireField.ENVIRONMENT_USER_ATTRIBUTE);
    }
    f.addAll(rotated);
    return f;
  }

  /** The fields this patch sends, as their wire names. */
  public List<String> fieldNames() {
    return fields().stream().map(WireField::wire).toList();
  }

  /** How Omni's list shows {@code before} once this patch is applied. */
  public ObservedConnection appliedTo(ObservedConnection before) {
    String attribute = before.environmentAttributeName();
    List<String> values = before.environmentDefaultValues();
    if (setEnvironment) {
      attribute = environment == null ? null : environment.attributeName;
      values = environment == null ? List.of() : environment.defaultValues;
    }
    return new ObservedConnection(
        before.id(),
        before.name(),
        before.dialect(),
        before.database(),
        before.defaultSchema(),
        baseRole != null ? baseRole : before.baseRole(),
        attribute,
        values,
        before.deletedAt());
  }
}
