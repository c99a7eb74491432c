package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The user attribute that switches a connection between environments in Omni. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentUserAttribute {
  @Required
  @JsonPropertyDescription(
      "Name of the Omni user attribute whose value selects the connection environment.")
  public String attributeName;

  @JsonPropertyDescription(
      "Attribute values that select this connection as the default environment.")
  public List<String> defaultValues = new ArrayList<>();

  public EnvironmentUserAttribute() {}

  public EnvironmentUserAttribute(String attributeName, List<String> defaultValues) {
    this.attributeName = attributeName;
    this.defaultValues = defaultValues == null ? new ArrayList<>() : new ArrayList<>(defaultValues);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentUserAttribute e
        && Objects.equals(attributeName, e.attributeName)
        && Objects.equals(values(defaultValues), values(e.defaultValues));
  }

  private static List<String> values(List<String> v) {
    return v == null ? List.of() : v;
  }

  @Override
  public int hashCode() {
    return Objects.hash(attributeName, values(defaultValues));
  }

  @Override
  public String toString() {
    return attributeName + "=" + values(defaultValues);
  }
}
