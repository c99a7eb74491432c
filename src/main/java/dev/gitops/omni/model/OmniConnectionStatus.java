package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Observed state of an OmniConnection, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OmniConnectionStatus {

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Id of the Omni connection this resource manages.")
  public String connectionId;

  @JsonPropertyDescription("Name of the connection in Omni (spec.name or metadata.name).")
  public String omniName;

  @JsonPropertyDescription(
      "Conditions: Ready, Synced, and the kstatus pair Reconciling / Stalled, each with a stable"
          + " reason and a plain message.")
  public List<StatusCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription("When Omni was last confirmed to match the spec (RFC 3339).")
  public String lastSyncTime;

  @JsonPropertyDescription(
      "Version of each Secret last sent to Omni, by Omni field: <secret>/<uid>/<resourceVersion>."
          + " Never the content nor a hash of it.")
  public Map<String, String> credentialsVersion = new TreeMap<>();

  @JsonPropertyDescription(
      "Settings Omni cannot change in place, as last applied (wire names and values, no"
          + " secrets). Used to recognise a later edit that needs a replacement.")
  public Map<String, String> appliedSettings = new TreeMap<>();

  @JsonPropertyDescription(
      "Fingerprint (generation, Secret versions, annotations) of the inputs Omni last rejected"
          + " for good. The operator does not call Omni again until one of them changes:"
          + " edit the spec, rotate the Secret, or annotate the resource to retry.")
  public String failedInputs;

  @JsonPropertyDescription(
      "The create-pending mark (annotation omni.gitops.dev/create-pending) whose create this status"
          + " settled: the connection id above is the one that create made or found. A mark that"
          + " differs means a create may have reached Omni without its answer being recorded.")
  public String settledCreateMark;

  @JsonPropertyDescription(
      "A previous connection replaced under replacementPolicy Recreate and not archived (because"
          + " deletionPolicy is Orphan, or the archive has not succeeded yet).")
  public String replacedConnectionId;

  @JsonPropertyDescription(
      "Omni's schema-refresh schedules against spec.schemaRefreshSchedules; absent when the spec"
          + " leaves schedules alone.")
  public ScheduleSyncStatus schemaRefreshSchedules;

  @JsonPropertyDescription(
      "Omni's environment record for spec.environmentOf; absent when the connection is no"
          + " environment of another.")
  public EnvironmentLinkStatus environmentLink;
}
