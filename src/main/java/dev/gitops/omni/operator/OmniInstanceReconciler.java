package dev.gitops.omni.operator;

import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniInstance;

/** Reconciles OmniInstances: an instance for the connections of its own namespace. */
final class OmniInstanceReconciler extends InstanceReconciler<OmniInstance> {
  OmniInstanceReconciler(InstanceSync sync, ReferencedSecrets secrets) {
    super(sync, secrets);
  }

  @Override
  InstanceId id(OmniInstance r) {
    return InstanceId.of(r);
  }

  @Override
  String tokenNamespace(OmniInstance r) {
    return r.getMetadata().getNamespace();
  }
}
