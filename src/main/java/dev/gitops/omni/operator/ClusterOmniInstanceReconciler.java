package dev.gitops.omni.operator;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;

/** Reconciles ClusterOmniInstances: an instance the allowed namespaces may use. */
final class ClusterOmniInstanceReconciler extends InstanceReconciler<ClusterOmniInstance> {
  ClusterOmniInstanceReconciler(InstanceSync sync, ReferencedSecrets secrets) {
    super(sync, secrets);
  }

  @Override
  InstanceId id(ClusterOmniInstance r) {
    return InstanceId.of(r);
  }

  @Override
  String tokenNamespace(ClusterOmniInstance r) {
    return r.getSpec().tokenSecretRef.namespace;
  }
}
