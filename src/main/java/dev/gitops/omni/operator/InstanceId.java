package dev.gitops.omni.operator;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;

/**
 * Which instance a connection declares: an {@code OmniInstance} (with its namespace) or a {@code
 * ClusterOmniInstance} (namespace null). No instanceRef declares the ClusterOmniInstance named
 * {@code default}; while none exists, that is served by the instance on the operator's command line
 * (docs/tenancy.md).
 */
record InstanceId(InstanceRef.Kind kind, String namespace, String name) {
  /** The name of the ClusterOmniInstance a connection without instanceRef uses. */
  static final String DEFAULT_NAME = "default";

  static final InstanceId DEFAULT =
      new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, DEFAULT_NAME);

  /** The instance {@code r} declares. */
  static InstanceId of(OmniConnection r) {
    InstanceRef ref = r.getSpec() == null ? null : r.getSpec().instanceRef;
    if (ref == null || ref.name == null) {
      return DEFAULT;
    }
    return ref.kindOrDefault() == InstanceRef.Kind.OmniInstance
        ? new InstanceId(InstanceRef.Kind.OmniInstance, r.getMetadata().getNamespace(), ref.name)
        : new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, ref.name);
  }

  static InstanceId of(OmniInstance i) {
    return new InstanceId(
        InstanceRef.Kind.OmniInstance, i.getMetadata().getNamespace(), i.getMetadata().getName());
  }

  static InstanceId of(ClusterOmniInstance i) {
    return new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, i.getMetadata().getName());
  }

  /** The key in the indexes: {@code OmniInstance/ns/name} or {@code ClusterOmniInstance/name}. */
  String key() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
  }
}
