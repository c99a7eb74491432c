package dev.gitops.omni.cli;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.SecretKeyRef;
import dev.gitops.omni.operator.CredentialResolver;
import dev.gitops.omni.sandbox.Manifest;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The credentials {@code plan} can see: the Secrets in the manifest files, read by the operator's
 * own {@link CredentialResolver}. When a referenced Secret is not in the files, credentials are not
 * compared for that resource (GitOps repositories rarely hold plain Secrets).
 */
final class FileCredentials {
  private final Map<String, Secret> secrets = new HashMap<>();

  /**
   * @param versions by Omni field, or null when not compared
   * @param missing {@code namespace/name} of referenced Secrets not in the files
   */
  record Found(
      Map<String, String> versions,
      List<String> missing,
      String failureReason,
      String failureMessage) {}

  FileCredentials(List<Manifest> secretManifests) {
    secretManifests.forEach(
        m -> secrets.put(m.namespace() + "/" + m.name(), (Secret) m.resource()));
  }

  Found resolve(OmniConnection r) {
    var spec = r.getSpec();
    if (spec == null) {
      return new Found(null, List.of(), null, null);
    }
    String ns = r.getMetadata().getNamespace();
    List<String> missing =
        Stream.of(spec.passwordSecretRef, spec.privateKeySecretRef, spec.oauthClientSecretRef)
            .filter(Objects::nonNull)
            .map((SecretKeyRef ref) -> ns + "/" + ref.name)
            .filter(k -> !secrets.containsKey(k))
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      return new Found(null, missing, null, null);
    }
    var resolved =
        new CredentialResolver((n, name) -> Optional.ofNullable(secrets.get(n + "/" + name)))
            .resolve(r);
    if (!resolved.ok()) {
      return new Found(null, List.of(), resolved.failureReason().text(), resolved.failureMessage());
    }
    return new Found(resolved.versions(), List.of(), null, null);
  }
}
