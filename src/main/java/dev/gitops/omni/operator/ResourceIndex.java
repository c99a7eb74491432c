package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import java.util.List;

/** The other OmniConnections a reconcile must look at: the informer's indexes in a cluster. */
interface ResourceIndex {
  /** Resources whose Omni name (spec.name, else metadata.name) is {@code omniName}. */
  List<OmniConnection> byOmniName(String omniName);

  /** Resources that hold {@code connectionId} in their spec or status. */
  List<OmniConnection> byConnectionId(String connectionId);

  /** The resource {@code name} of {@code namespace}, whatever its instance. */
  java.util.Optional<OmniConnection> byName(String namespace, String name);

  /** The resources whose spec.environmentOf names {@code base} in {@code namespace}. */
  List<OmniConnection> environmentsOf(String namespace, String base);
}
