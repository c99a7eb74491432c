package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Which namespaces may use a ClusterOmniInstance: a namespace may when it is named, or when its
 * labels match the selector. Neither set: every namespace may.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NamespaceConditions {
  @JsonPropertyDescription("Namespaces that may use the instance, by name.")
  public List<String> names = new ArrayList<>();

  @JsonPropertyDescription("Namespaces that may use the instance, by their labels.")
  public LabelSelector selector;
}
