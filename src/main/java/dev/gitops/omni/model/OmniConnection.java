package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An Omni database connection, managed declaratively. */
@Group(OmniConnection.GROUP)
@Version(OmniConnection.VERSION)
@ShortNames("omniconn")
@io.fabric8.kubernetes.model.annotation.Categories("omni")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Synced",
    jsonPath = ".status.conditions[?(@.type==\"Synced\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Dialect",
    jsonPath = ".spec.dialect",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Omni Name",
    jsonPath = ".status.omniName",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Connection ID",
    jsonPath = ".status.connectionId",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class OmniConnection extends CustomResource<OmniConnectionSpec, OmniConnectionStatus>
    implements Namespaced {
  public static final String GROUP = "omni.gitops.dev";
  public static final String VERSION = "v1alpha1";

  /** Annotation that stops every write to Omni for this resource while it is "true". */
  public static final String PAUSED_ANNOTATION = GROUP + "/paused";

  /** Annotation that overrides the drift poll interval for this resource (e.g. "30s", "10m"). */
  public static final String POLL_INTERVAL_ANNOTATION = GROUP + "/poll-interval";

  /**
   * Annotation written (with the finalizer, in one write) before a POST: a create may reach Omni
   * from this time on. Settled once status.settledCreateMark holds the same value.
   */
  public static final String CREATE_PENDING_ANNOTATION = GROUP + "/create-pending";

  /** The finalizer that lets deletionPolicy Delete archive the connection. */
  public static final String FINALIZER = GROUP + "/finalizer";

  @Override
  @JsonPropertyDescription(
      "Desired state of one Omni database connection. Field names are Omni's own.")
  public OmniConnectionSpec getSpec() {
    return super.getSpec();
  }

  /**
   * Until the operator writes a status, the API server shows {@code observedGeneration: -1}:
   * kstatus (Flux) then reads the resource as InProgress instead of Current, and Argo CD's check as
   * Progressing. Without it a resource no operator reached passed Flux's health check (found by the
   * e2e suite's real readers; Flux's own CRDs default their status the same way).
   */
  @Override
  @JsonPropertyDescription("Observed state, written only by the operator.")
  @io.fabric8.generator.annotation.Default("{\"observedGeneration\":-1}")
  public OmniConnectionStatus getStatus() {
    return super.getStatus();
  }

  /** The Omni connection name: spec.name, else metadata.name. */
  @JsonIgnore
  public String omniName() {
    String n = getSpec() == null ? null : getSpec().name;
    return n != null && !n.isBlank() ? n : getMetadata().getName();
  }

  /**
   * The create-pending mark when its create is not settled yet (a POST may have reached Omni
   * without its answer being recorded), else null.
   */
  public String unsettledCreateMark() {
    var annotations = getMetadata().getAnnotations();
    String mark = annotations == null ? null : annotations.get(CREATE_PENDING_ANNOTATION);
    if (mark == null || (getStatus() != null && mark.equals(getStatus().settledCreateMark))) {
      return null;
    }
    return mark;
  }

  @JsonIgnore
  public boolean isPaused() {
    var annotations = getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(PAUSED_ANNOTATION));
  }
}
