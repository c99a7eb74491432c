package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** The Secret key holding an Omni API key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenSecretRef {
  @Required
  @JsonPropertyDescription("Name of the Secret.")
  public String name;

  @Default("token")
  @JsonPropertyDescription("Key inside the Secret's data holding the Omni API key.")
  public String key = "token";

  @JsonPropertyDescription(
      "Namespace of the Secret: required on a ClusterOmniInstance, not allowed on an OmniInstance"
          + " (whose Secret is in its own namespace).")
  public String namespace;

  public TokenSecretRef() {}

  public TokenSecretRef(String namespace, String name, String key) {
    this.namespace = namespace;
    this.name = name;
    this.key = key;
  }
}
