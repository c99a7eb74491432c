package dev.gitops.omni.cli;

import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.Manifest;
import java.util.List;
import java.util.Optional;

/**
 * Which instance each OmniConnection in the files is planned against, as the operator resolves it
 * (docs/tenancy.md), from the instances in the same files: its spec.instanceRef (an OmniInstance in
 * the connection's own namespace, or a ClusterOmniInstance whose spec.namespaces admits the
 * namespace, labels read from the Namespace documents in the files); no instanceRef means the
 * ClusterOmniInstance {@code default}, and while the files hold none, the Omni of --omni-url. An
 * instance the files do not hold, or that the namespace may not use, is a refusal: nothing is sent
 * to any Omni for that connection.
 */
final class PlanInstances {
  /** The name under which the command line's Omni (--omni-url) appears. */
  static final String COMMAND_LINE = "--omni-url";

  private static final String DEFAULT = "default";

  /**
   * One connection's instance, or why it has none.
   *
   * @param id {@code ClusterOmniInstance name}, {@code OmniInstance ns/name}, or {@link
   *     #COMMAND_LINE}
   * @param instance the instance document, null for the command line's Omni or a refusal
   * @param reason the refusal's reason (InstanceNotFound, InstanceNotAllowed), null when usable
   */
  record Choice(String id, Manifest instance, String reason, String message) {
    boolean refused() {
      return reason != null;
    }

    boolean commandLine() {
      return !refused() && instance == null;
    }
  }

  private final FileInstances files;

  PlanInstances(FileInstances files) {
    this.files = files;
  }

  /**
   * Whether instances take part: the files hold one, or a connection names one. Otherwise every
   * connection is planned against --omni-url and the output is as it was before instances.
   */
  boolean inUse(List<Manifest> connections) {
    return !files.isEmpty()
        || connections.stream().anyMatch(m -> ref((OmniConnection) m.resource()) != null);
  }

  Choice resolve(OmniConnection r) {
    InstanceRef ref = ref(r);
    String ns = r.getMetadata().getNamespace();
    if (ref != null && ref.kindOrDefault() == InstanceRef.Kind.OmniInstance) {
      String id = InstanceId.of(r).toString();
      return files.namespaced(ns, ref.name).map(m -> use(id, m)).orElseGet(() -> notFound(id));
    }
    String name = ref == null ? DEFAULT : ref.name;
    String id = new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, name).toString();
    Optional<Manifest> found = files.cluster(name);
    if (found.isEmpty()) {
      return name.equals(DEFAULT) ? new Choice(COMMAND_LINE, null, null, null) : notFound(id);
    }
    FileInstances.Admission admission =
        files.admits((ClusterOmniInstance) found.get().resource(), ns);
    if (!admission.allowed()) {
      String message = Outcomes.instanceNotAllowed(id, ns).message();
      if (admission.labelsMissing()) {
        message +=
            " (spec.namespaces.selector was matched against no labels: Namespace "
                + ns
                + " is not in the files)";
      }
      return new Choice(id, null, Reason.INSTANCE_NOT_ALLOWED.text(), message);
    }
    return use(id, found.get());
  }

  private static Choice use(String id, Manifest instance) {
    return new Choice(id, instance, null, null);
  }

  private static Choice notFound(String id) {
    return new Choice(
        id,
        null,
        Reason.INSTANCE_NOT_FOUND.text(),
        id
            + " is not in the files: add it (with the Secret holding its key), or point"
            + " spec.instanceRef at one that is; nothing was sent to Omni");
  }

  private static InstanceRef ref(OmniConnection r) {
    InstanceRef ref = r.getSpec() == null ? null : r.getSpec().instanceRef;
    return ref == null || ref.name == null ? null : ref;
  }
}
