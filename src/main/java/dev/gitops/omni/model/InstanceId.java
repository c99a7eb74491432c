package dev.gitops.omni.model;

/**
 * Which instance a connection declares: an {@code OmniInstance} (with its namespace) or a {@code
 * ClusterOmniInstance} (namespace null). No instanceRef declares the ClusterOmniInstance named
 * {@code default}; while none exists, that is served by the instance on the operator's command line
 * (docs/tenancy.md).
 */
public record InstanceId(InstanceRef.Kind kind, String namespace, String name) {
  /** The name of the ClusterOmniInstance a connection without instanceRef uses. */
  public static final String DEFAULT_NAME = "default";

  public static final InstanceId DEFAULT =
      new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, DEFAULT_NAME);

  /** The instance {@code r} declares. */
  public static InstanceId of(OmniConnection r) {
    InstanceRef ref = r.getSpec() == null ? null : r.getSpec().instanceRef;
    if (ref == null || ref.name == null) {
      return DEFAULT;
    }
    return ref.kindOrDefault() == InstanceRef.Kind.OmniInstance
        ? new InstanceId(InstanceRef.Kind.OmniInstance, r.getMetadata().getNamespace(), ref.name)
        : new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, ref.name);
  }

  public static InstanceId of(OmniInstance i) {
    return new InstanceId(
        InstanceRef.Kind.OmniInstance, i.getMetadata().getNamespace(), i.getMetadata().getName());
  }

  public static InstanceId of(ClusterOmniInstance i) {
    return new InstanceId(InstanceRef.Kind.ClusterOmniInstance, null, i.getMetadata().getName());
  }

  /** The key in the indexes: {@code OmniInstance/ns/name} or {@code ClusterOmniInstance/name}. */
  public String key() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
  }
}
