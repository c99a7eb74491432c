package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * A Fabric8 {@link Condition} whose fields carry descriptions, so that {@code kubectl explain}
 * documents them in the generated CRD.
 */
public class StatusCondition extends Condition {

  public StatusCondition() {}

  public StatusCondition(Condition c) {
    super(
        c.getLastTransitionTime(),
        c.getMessage(),
        c.getObservedGeneration(),
        c.getReason(),
        c.getStatus(),
        c.getType());
  }

  @Override
  @JsonPropertyDescription("Ready, Synced, Reconciling or Stalled.")
  public String getType() {
    return super.getType();
  }

  @Override
  @JsonPropertyDescription("True, False or Unknown.")
  public String getStatus() {
    return super.getStatus();
  }

  @Override
  @JsonPropertyDescription("Stable CamelCase reason, for tools and alerts to match on.")
  public String getReason() {
    return super.getReason();
  }

  @Override
  @JsonPropertyDescription("What is wrong or what happened, in plain words, and what to do.")
  public String getMessage() {
    return super.getMessage();
  }

  @Override
  @JsonPropertyDescription("When status last changed (RFC 3339).")
  public String getLastTransitionTime() {
    return super.getLastTransitionTime();
  }

  @Override
  @JsonPropertyDescription("metadata.generation this condition was computed from.")
  public Long getObservedGeneration() {
    return super.getObservedGeneration();
  }
}
