package dev.gitops.omni.client;

import java.util.List;

/**
 * An in-place update ({@code PATCH .../connections/{id}}): only the fields Omni can change. A null
 * field is not sent.
 *
 * @param environmentUserAttribute sent when {@code setEnvironment} is true; null then means "remove
 *     the environment attribute"
 */
public record PatchRequest(
    String baseRole,
    boolean setEnvironment,
    EnvironmentAttribute environmentUserAttribute,
    SecretValue passwordUnencrypted,
    SecretValue privateKey) {

  /** {@code {"attributeName": ..., "defaultValues": [...]}} on the wire. */
  public record EnvironmentAttribute(String attributeName, List<String> defaultValues) {
    public EnvironmentAttribute {
      defaultValues = defaultValues == null ? List.of() : List.copyOf(defaultValues);
    }
  }

  public boolean isEmpty() {
    return baseRole == null && !setEnvironment && passwordUnencrypted == null && privateKey == null;
  }

  /** The Omni names of the fields this PATCH sends, for events and logs (never the values). */
  public List<String> fieldNames() {
    var names = new java.util.ArrayList<String>();
    if (baseRole != null) {
      names.add("baseRole");
    }
    if (setEnvironment) {
      names.add("environmentUserAttribute");
    }
    if (passwordUnencrypted != null) {
      names.add("passwordUnencrypted");
    }
    if (privateKey != null) {
      names.add("privateKey");
    }
    return List.copyOf(names);
  }
}
