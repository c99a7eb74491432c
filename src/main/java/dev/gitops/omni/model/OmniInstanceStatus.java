package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of an instance, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OmniInstanceStatus {
  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (a list call with the key succeeded) and the kstatus pair Reconciling / Stalled,"
          + " each with a stable reason and a plain message.")
  public List<StatusCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription("How many OmniConnections use this instance.")
  public Integer connections;

  @JsonPropertyDescription(
      "While the instance is being deleted: the connections (namespace/name) still using it, at"
          + " most 10.")
  public List<String> usedBy;

  @JsonPropertyDescription("When Omni's connection list was last read with the key (RFC 3339).")
  public String lastListTime;
}
