package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** An Omni instance any allowed namespace's connections may use. */
@ValidationRule(
    value = "has(self.tokenSecretRef.__namespace__)",
    message = "tokenSecretRef.namespace is required on a ClusterOmniInstance")
public class ClusterOmniInstanceSpec extends InstanceSettings {
  @JsonPropertyDescription(
      "Which namespaces' connections may use this instance (names and/or a label selector)."
          + " Unset: every namespace.")
  public NamespaceConditions namespaces;
}
