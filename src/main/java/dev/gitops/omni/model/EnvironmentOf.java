package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes this connection an environment (dev, staging...) of a base connection in Omni: users whose
 * user attribute (the base's environmentUserAttribute) has one of the values get this connection
 * instead of the base (docs/neighbours.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentOf {
  @Required
  @Size(max = 253)
  @JsonPropertyDescription(
      "metadata.name of the base OmniConnection, in this namespace. It must set"
          + " environmentUserAttribute and have this connection's dialect.")
  public String name;

  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription(
      "Values of the base's user attribute that select this connection; unique among the"
          + " environments of one base.")
  public List<String> userAttributeValues = new ArrayList<>();

  public EnvironmentOf() {}

  public EnvironmentOf(String name, List<String> values) {
    this.name = name;
    this.userAttributeValues = new ArrayList<>(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentOf e
        && Objects.equals(name, e.name)
        && Objects.equals(userAttributeValues, e.userAttributeValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, userAttributeValues);
  }
}
