package dev.gitops.omni.connection;

import java.util.Objects;

/**
 * A credential on its way to Omni. It never prints its value: {@link #toString()} is masked, so a
 * secret cannot reach a log line, an exception message or a status field by accident. Only the code
 * that writes the request body calls {@link #reveal()}.
 */
public final class SecretValue {
  private final String value;

  private SecretValue(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SecretValue of(String value) {
    return new SecretValue(value);
  }

  /** The plain value, for the request body only. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
