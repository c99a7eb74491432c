package dev.gitops.omni.operator;

import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;

/** Where the operator reports what it did to a resource: Kubernetes Events in a cluster. */
interface Events {
  void normal(OmniConnection r, Reason reason, String message);

  void warning(OmniConnection r, Reason reason, String message);

  /** Forgets a deleted resource. */
  void forget(OmniConnection r);
}
