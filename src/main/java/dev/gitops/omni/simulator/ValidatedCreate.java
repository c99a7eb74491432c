package dev.gitops.omni.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated create: the fields the store keeps. {@code settings} holds every documented
 * non-secret field that was sent (plus defaults such as BigQuery's region); {@code secrets} holds
 * the secret fields and is never printed.
 */
record ValidatedCreate(
    String name,
    String dialect,
    String baseRole,
    String attributeName,
    List<String> attributeValues,
    Map<String, Object> settings,
    Map<String, String> secrets) {

  static final String PASSWORD = "passwordUnencrypted";
  static final String PRIVATE_KEY = "privateKey";
  static final String OAUTH_SECRET = "oauthClientSecretUnencrypted";
  static final Set<String> SECRET_FIELDS = Set.of(PASSWORD, PRIVATE_KEY, OAUTH_SECRET);

  ValidatedCreate {
    attributeValues = List.copyOf(attributeValues);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    secrets = Map.copyOf(secrets);
  }

  ValidatedCreate withAttribute(String name, List<String> values) {
    return new ValidatedCreate(this.name, dialect, baseRole, name, values, settings, secrets);
  }

  @Override
  public String toString() {
    return "ValidatedCreate[" + dialect + " '" + name + "', secrets " + secrets.keySet() + "]";
  }
}
