package dev.gitops.omni.operator;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.ServiceAccountJson;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the credentials an OmniConnection references from Secrets in its own namespace. Reports
 * what is missing or malformed by Secret name and key, never by content.
 */
public final class CredentialResolver {
  private final BiFunction<String, String, Optional<Secret>> secrets;

  /**
   * @param secrets looks a Secret up by namespace and name (an informer cache in the operator)
   */
  public CredentialResolver(BiFunction<String, String, Optional<Secret>> secrets) {
    this.secrets = secrets;
  }

  /**
   * The result: values and versions by Omni field, or a failure with a condition reason.
   *
   * @param versions {@code <secret>/<uid>/<resourceVersion>} by Omni field
   */
  public record Resolved(
      Map<WireField, SecretValue> values,
      Map<String, String> versions,
      Reason failureReason,
      String failureMessage) {
    public boolean ok() {
      return failureReason == null;
    }

    static Resolved failure(Reason reason, String message) {
      return new Resolved(Map.of(), Map.of(), reason, message);
    }
  }

  public Resolved resolve(OmniConnection resource) {
    var spec = resource.getSpec();
    String ns = resource.getMetadata().getNamespace();
    Map<WireField, SecretValue> values = new EnumMap<>(WireField.class);
    Map<String, String> versions = new LinkedHashMap<>();
    Map<WireField, SecretKeyRef> refs = new EnumMap<>(WireField.class);
    refs.put(WireField.PASSWORD, spec.passwordSecretRef);
    refs.put(WireField.PRIVATE_KEY, spec.privateKeySecretRef);
    refs.put(WireField.OAUTH_CLIENT_SECRET, spec.oauthClientSecretRef);
    for (var e : refs.entrySet()) {
      SecretKeyRef ref = e.getValue();
      if (ref == null || ref.name == null || ref.key == null) {
        continue;
      }
      Optional<Secret> secret = secrets.apply(ns, ref.name);
      if (secret.isEmpty()) {
        return Resolved.failure(
            Reason.CREDENTIALS_NOT_FOUND,
            "Secret " + ns + "/" + ref.name + " not found: create it with key '" + ref.key + "'");
      }
      Optional<String> value;
      try {
        value = read(secret.get(), ref.key);
      } catch (IllegalArgumentException notBase64) {
        return Resolved.failure(
            Reason.INVALID_CREDENTIALS,
            keyOf(ns, ref) + " is not valid base64: put the plain value under stringData instead");
      }
      if (value.isEmpty()) {
        return Resolved.failure(
            Reason.CREDENTIALS_NOT_FOUND,
            "Secret " + ns + "/" + ref.name + " has no key '" + ref.key + "': add it");
      }
      if (value.get().isEmpty()) {
        // never sent: Omni would store an empty password (or a rotation would PATCH one)
        return Resolved.failure(
            Reason.INVALID_CREDENTIALS, keyOf(ns, ref) + " is empty: put the credential in it");
      }
      values.put(e.getKey(), SecretValue.of(value.get()));
      var meta = secret.get().getMetadata();
      versions.put(
          e.getKey().wire(), ref.name + "/" + meta.getUid() + "/" + meta.getResourceVersion());
    }
    if (spec.dialect == Dialect.bigquery && values.containsKey(WireField.PASSWORD)) {
      Optional<String> problem =
          ServiceAccountJson.problem(values.get(WireField.PASSWORD).reveal());
      if (problem.isPresent()) {
        SecretKeyRef ref = spec.passwordSecretRef;
        return Resolved.failure(
            Reason.INVALID_CREDENTIALS,
            keyOf(ns, ref)
                + " must hold a BigQuery service-account JSON document, but "
                + problem.get()
                + ": paste the key file Google Cloud gave you");
      }
    }
    return new Resolved(values, versions, null, null);
  }

  /** {@code Secret ns/name key 'k'}: where a credential lives, never what it holds. */
  private static String keyOf(String ns, SecretKeyRef ref) {
    return "Secret " + ns + "/" + ref.name + " key '" + ref.key + "'";
  }

  /** A Secret key's text, from data (base64, strictly) or stringData; empty when absent. */
  public static Optional<String> read(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      // strict, as the API server decodes it (line breaks from base64's wrapping aside): the
      // lenient MIME decoder skipped any character it did not know and turned typos into a password
      byte[] raw = Base64.getDecoder().decode(secret.getData().get(key).replaceAll("[\r\n]", ""));
      return Optional.of(new String(raw, StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
