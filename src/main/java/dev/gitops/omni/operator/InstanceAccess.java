package dev.gitops.omni.operator;

import dev.gitops.omni.core.NamespaceAccess;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Which runtime a connection is managed through, or why none: its instanceRef (or the
 * ClusterOmniInstance {@code default}, or the command line's instance when that does not exist),
 * whether its namespace may use it, and whether it is ready. A refusal sends Omni nothing
 * (docs/tenancy.md).
 */
final class InstanceAccess {
  /** What the resolution needs to read: the instance caches and a namespace's labels. */
  interface Instances {
    Optional<OmniInstance> namespaced(String namespace, String name);

    Optional<ClusterOmniInstance> cluster(String name);

    Map<String, String> namespaceLabels(String namespace);
  }

  /** A runtime to use, or the outcome that says why there is none. */
  record Access(InstanceId declared, InstanceRuntime runtime, Outcome refusal) {
    boolean refused() {
      return runtime == null;
    }
  }

  private final InstanceRuntimes runtimes;

  InstanceAccess(InstanceRuntimes runtimes) {
    this.runtimes = runtimes;
  }

  Access resolve(OmniConnection r, Instances instances) {
    InstanceId id = InstanceId.of(r);
    String ns = r.getMetadata().getNamespace();
    if (id.kind() == InstanceRef.Kind.OmniInstance) {
      Optional<OmniInstance> found = instances.namespaced(ns, id.name());
      return found.isEmpty()
          ? refuse(id, Outcomes.instanceNotFound(id.toString()))
          : runtimeOf(id, found.get().getStatus());
    }
    Optional<ClusterOmniInstance> found = instances.cluster(id.name());
    if (found.isEmpty()) {
      return id.equals(InstanceId.DEFAULT)
          ? new Access(id, runtimes.commandLine(), null)
          : refuse(id, Outcomes.instanceNotFound(id.toString()));
    }
    var conditions = found.get().getSpec() == null ? null : found.get().getSpec().namespaces;
    Map<String, String> labels =
        NamespaceAccess.needsLabels(conditions) ? instances.namespaceLabels(ns) : Map.of();
    if (!NamespaceAccess.allows(conditions, ns, labels)) {
      return refuse(id, Outcomes.instanceNotAllowed(id.toString(), ns));
    }
    return runtimeOf(id, found.get().getStatus());
  }

  private Access runtimeOf(InstanceId id, OmniInstanceStatus status) {
    Optional<InstanceRuntime> runtime = runtimes.get(id);
    if (runtime.isPresent()) {
      return new Access(id, runtime.get(), null);
    }
    String why =
        status == null
            ? "the operator has not read its key yet"
            : StatusBuilder.previous(status.conditions, StatusBuilder.READY)
                .map(c -> c.getReason() + ": " + c.getMessage())
                .orElse("the operator has not read its key yet");
    return refuse(id, Outcomes.instanceNotReady(id.toString(), why));
  }

  private static Access refuse(InstanceId id, Outcome why) {
    return new Access(id, null, why);
  }
}
