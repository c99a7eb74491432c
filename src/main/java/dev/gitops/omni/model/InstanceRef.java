package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Which Omni instance (URL and API key) a connection is managed through: an {@link OmniInstance} in
 * the connection's own namespace or a {@link ClusterOmniInstance} (docs/tenancy.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceRef {
  /** The message of the CRD's rule that keeps an instanceRef from changing. */
  public static final String IMMUTABLE =
      "spec.instanceRef cannot be changed: another instance is another Omni organisation; create"
          + " a new OmniConnection instead";

  /** The two kinds an instanceRef can name. */
  public enum Kind {
    OmniInstance,
    ClusterOmniInstance
  }

  @JsonPropertyDescription(
      "OmniInstance (in this connection's namespace) or ClusterOmniInstance. Default"
          + " ClusterOmniInstance.")
  public Kind kind;

  @Required
  @JsonPropertyDescription("Name of the instance.")
  public String name;

  public InstanceRef() {}

  public InstanceRef(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** The kind, ClusterOmniInstance when unset. */
  public Kind kindOrDefault() {
    return kind == null ? Kind.ClusterOmniInstance : kind;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceRef r
        && kindOrDefault() == r.kindOrDefault()
        && Objects.equals(name, r.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kindOrDefault(), name);
  }

  @Override
  public String toString() {
    return kindOrDefault() + " " + name;
  }
}
