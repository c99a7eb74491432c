package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Where spec.environmentOf stands in Omni (docs/neighbours.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentLinkStatus {
  @JsonPropertyDescription("Id of Omni's environment record linking this connection to its base.")
  public String id;

  @JsonPropertyDescription("Omni id of the base connection the record links to.")
  public String baseConnectionId;

  @JsonPropertyDescription("The user attribute values the record was last given.")
  public List<String> userAttributeValues = new ArrayList<>();

  @JsonPropertyDescription("metadata.generation whose environmentOf Omni was last made to match.")
  public Long observedGeneration;

  @JsonPropertyDescription("Whether Omni's record matched the spec at the last check.")
  public Boolean inSync;

  @JsonPropertyDescription("When the link was last checked (RFC 3339).")
  public String lastCheckTime;

  @JsonPropertyDescription("What the last check found or did, or why it could not.")
  public String message;
}
