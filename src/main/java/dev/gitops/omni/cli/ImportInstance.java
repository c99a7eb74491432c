package dev.gitops.omni.cli;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.Manifest;
import java.util.List;

/**
 * The instance {@code import --instance} reads from: an OmniInstance or ClusterOmniInstance in the
 * files, its URL and API prefix, its key (its token Secret in the files, else --omni-token-file),
 * and the instanceRef and namespace the imported manifests must carry to use it: an OmniInstance
 * serves only its own namespace; a ClusterOmniInstance only the namespaces it admits.
 *
 * @param id {@code ClusterOmniInstance name} or {@code OmniInstance ns/name}
 * @param ref the spec.instanceRef to write
 * @param namespace the manifests' namespace (an OmniInstance's own), or null for none
 * @param keyFrom where the key came from, for messages (never the key)
 */
record ImportInstance(
    String id,
    String url,
    String prefix,
    SecretValue key,
    InstanceRef ref,
    String namespace,
    String keyFrom) {

  /**
   * @param name {@code NAME}, {@code ClusterOmniInstance/NAME} or {@code OmniInstance/NAME}
   * @param namespace -n, or null
   * @param tokenFileKey the --omni-token-file key, or null when not given
   */
  static ImportInstance find(
      FileInstances files, String name, String namespace, SecretValue tokenFileKey) {
    Manifest m = pick(files, name, namespace);
    InstanceSettings spec = FileInstances.settings(m);
    String id = FileInstances.id(m);
    boolean cluster = m.kind().equals("ClusterOmniInstance");
    String ns = namespace;
    if (!cluster) {
      if (namespace != null && !namespace.equals(m.namespace())) {
        throw new UsageException(
            "-n "
                + namespace
                + ": "
                + id
                + " serves only namespace "
                + m.namespace()
                + ": leave -n out, or use an instance of namespace "
                + namespace);
      }
      ns = m.namespace();
    } else if (namespace != null) {
      admit(files, (ClusterOmniInstance) m.resource(), id, namespace);
    }
    FileInstances.Key key = files.key(m);
    SecretValue value = key.value() != null ? SecretValue.of(key.value()) : tokenFileKey;
    if (value == null) {
      throw new UsageException(
          "the key of "
              + id
              + " is not in the files ("
              + key.where()
              + "): add that Secret with -f, or give the key with --omni-token-file");
    }
    return new ImportInstance(
        id,
        spec.url,
        spec.apiPrefix == null ? "v1" : spec.apiPrefix.name(),
        value,
        new InstanceRef(InstanceRef.Kind.valueOf(m.kind()), m.name()),
        ns,
        key.value() != null ? key.where() : "--omni-token-file");
  }

  OkHttpOmniClient client() {
    try {
      return new OkHttpOmniClient(new OmniClientConfig(url, prefix, key, null, null, null));
    } catch (IllegalArgumentException e) {
      throw new UsageException(id + ": spec.url: " + e.getMessage());
    }
  }

  private static Manifest pick(FileInstances files, String name, String namespace) {
    String kind = null;
    String bare = name;
    int slash = name.indexOf('/');
    if (slash > 0) {
      kind = name.substring(0, slash);
      bare = name.substring(slash + 1);
      if (!kind.equals("OmniInstance") && !kind.equals("ClusterOmniInstance")) {
        throw new UsageException(
            "--instance " + name + ": write NAME, ClusterOmniInstance/NAME or OmniInstance/NAME");
      }
    }
    String wanted = bare;
    String k = kind;
    List<Manifest> found =
        files.all().stream()
            .filter(m -> m.name().equals(wanted))
            .filter(m -> k == null || m.kind().equals(k))
            .toList();
    if (found.size() > 1 && namespace != null) {
      // -n picks among OmniInstances of that name in several namespaces
      found =
          found.stream()
              .filter(m -> !m.kind().equals("OmniInstance") || namespace.equals(m.namespace()))
              .toList();
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    List<String> all = files.all().stream().map(FileInstances::id).toList();
    if (found.isEmpty()) {
      throw new UsageException(
          "--instance "
              + name
              + ": the files (-f) hold no such instance (they hold: "
              + (all.isEmpty() ? "none" : String.join(", ", all))
              + ")");
    }
    throw new UsageException(
        "--instance "
            + name
            + " matches "
            + String.join(", ", found.stream().map(FileInstances::id).toList())
            + ": write ClusterOmniInstance/NAME or OmniInstance/NAME, and -n for an OmniInstance");
  }

  private static void admit(
      FileInstances files, ClusterOmniInstance instance, String id, String namespace) {
    FileInstances.Admission admission = files.admits(instance, namespace);
    if (!admission.allowed()) {
      throw new UsageException(
          "-n "
              + namespace
              + ": namespace "
              + namespace
              + " may not use "
              + id
              + " (its spec.namespaces does not admit it"
              + (admission.labelsMissing()
                  ? "; Namespace " + namespace + " is not in the files"
                  : "")
              + "): choose an admitted namespace");
    }
  }
}
