package dev.gitops.omni.sandbox;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.model.OmniInstance;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OmniInstances and ClusterOmniInstances in manifest files, with what deciding about them needs
 * from the same files: the Secrets holding their keys and the Namespaces' labels (for a
 * ClusterOmniInstance's selector). Never shows a key: {@link Key#where()} names the Secret.
 */
public final class FileInstances {
  private final List<Manifest> instances;
  private final Map<String, Manifest> byId = new HashMap<>();
  private final Map<String, Secret> secrets = new HashMap<>();
  private final Map<String, Namespace> namespaces = new HashMap<>();

  /**
   * An instance's API key as the files hold it.
   *
   * @param where {@code Secret ns/name key 'k'}
   * @param value the key, or null when the files do not hold it
   * @param secretInFiles whether the Secret is in the files (it may still lack the key)
   */
  public record Key(String where, String value, boolean secretInFiles) {
    @Override
    public String toString() {
      return where; // never the value
    }
  }

  public FileInstances(List<Manifest> manifests) {
    this.instances =
        manifests.stream()
            .filter(m -> m.kind().equals("OmniInstance") || m.kind().equals("ClusterOmniInstance"))
            .toList();
    instances.forEach(m -> byId.put(id(m), m));
    for (Manifest m : manifests) {
      if (m.resource() instanceof Secret s) {
        secrets.put(m.namespace() + "/" + m.name(), s);
      } else if (m.resource() instanceof Namespace n) {
        namespaces.put(m.name(), n);
      }
    }
  }

  /** The instance documents, in file order. */
  public List<Manifest> all() {
    return instances;
  }

  public boolean isEmpty() {
    return instances.isEmpty();
  }

  public Optional<Manifest> namespaced(String namespace, String name) {
    return Optional.ofNullable(
        byId.get(new InstanceId(InstanceRef.Kind.OmniInstance, namespace, name).toString()));
  }

  public Optional<Manifest> cluster(String name) {
    return Optional.ofNullable(
        byId.get(new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, name).toString()));
  }

  /** The labels of a Namespace in the files, or empty when it is not in the files. */
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    Namespace n = namespaces.get(namespace);
    if (n == null) {
      return Optional.empty();
    }
    var labels = n.getMetadata().getLabels();
    return Optional.of(labels == null ? Map.of() : Map.copyOf(labels));
  }

  /**
   * Whether a ClusterOmniInstance admits {@code namespace}, as the operator decides it
   * (core.NamespaceAccess), with the Namespace's labels from the files.
   *
   * @param labelsMissing a selector had to be matched against no labels: the Namespace is not in
   *     the files
   */
  public record Admission(boolean allowed, boolean labelsMissing) {}

  public Admission admits(ClusterOmniInstance instance, String namespace) {
    var conditions = instance.getSpec().namespaces;
    Optional<Map<String, String>> labels =
        dev.gitops.omni.core.NamespaceAccess.needsLabels(conditions)
            ? namespaceLabels(namespace)
            : Optional.of(Map.of());
    boolean allowed =
        dev.gitops.omni.core.NamespaceAccess.allows(conditions, namespace, labels.orElse(Map.of()));
    return new Admission(allowed, labels.isEmpty());
  }

  /** The instance's key from its tokenSecretRef, as far as the files hold it. */
  public Key key(Manifest instance) {
    InstanceSettings spec = settings(instance);
    String ns = tokenNamespace(instance);
    String where =
        "Secret " + ns + "/" + spec.tokenSecretRef.name + " key '" + spec.tokenSecretRef.key + "'";
    Secret secret = secrets.get(ns + "/" + spec.tokenSecretRef.name);
    if (secret == null) {
      return new Key(where, null, false);
    }
    return new Key(where, read(secret, spec.tokenSecretRef.key), true);
  }

  /**
   * {@code OmniInstance ns/name} or {@code ClusterOmniInstance name}, as the operator names an
   * instance in conditions.
   */
  public static String id(Manifest instance) {
    return instance.resource() instanceof OmniInstance i
        ? InstanceId.of(i).toString()
        : InstanceId.of((ClusterOmniInstance) instance.resource()).toString();
  }

  public static InstanceSettings settings(Manifest instance) {
    return instance.resource() instanceof OmniInstance i
        ? i.getSpec()
        : ((ClusterOmniInstance) instance.resource()).getSpec();
  }

  /** Where the key's Secret is: the OmniInstance's namespace, or the one a cluster kind names. */
  public static String tokenNamespace(Manifest instance) {
    return instance.resource() instanceof OmniInstance
        ? instance.namespace()
        : settings(instance).tokenSecretRef.namespace;
  }

  /**
   * A Secret key's text, from data (base64) or stringData, as the operator reads it (not trimmed);
   * null when absent or blank.
   */
  static String read(Secret secret, String key) {
    return dev.gitops.omni.operator.CredentialResolver.read(secret, key)
        .filter(v -> !v.isBlank())
        .orElse(null);
  }
}
