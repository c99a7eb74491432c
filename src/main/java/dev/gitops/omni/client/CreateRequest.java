package dev.gitops.omni.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A create ({@code POST .../connections}).
 *
 * @param settings the non-secret body fields by their Omni names (strings, numbers, booleans, and
 *     for {@code environmentUserAttribute} a map); printed freely
 * @param secrets the secret body fields by their Omni names ({@code passwordUnencrypted}, {@code
 *     privateKey}, {@code oauthClientSecretUnencrypted}); never printed
 */
public record CreateRequest(Map<String, Object> settings, Map<String, SecretValue> secrets) {
  public CreateRequest {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
  }

  public String name() {
    return (String) settings.get("name");
  }
}
