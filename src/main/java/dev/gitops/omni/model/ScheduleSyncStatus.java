package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Where spec.schemaRefreshSchedules stands in Omni (docs/neighbours.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleSyncStatus {
  @JsonPropertyDescription("metadata.generation whose schedules Omni was last made to match.")
  public Long observedGeneration;

  @JsonPropertyDescription("Whether Omni's schedules matched the spec at the last check.")
  public Boolean inSync;

  @JsonPropertyDescription("Omni's ids of the schedules that match the spec.")
  public List<String> ids = new ArrayList<>();

  @JsonPropertyDescription("When Omni's schedules were last read (RFC 3339).")
  public String lastCheckTime;

  @JsonPropertyDescription("What the last check found or did, or why it could not.")
  public String message;
}
