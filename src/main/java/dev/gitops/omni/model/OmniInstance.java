package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An Omni organisation URL and API key for the OmniConnections of this namespace (docs/tenancy.md).
 */
@Group(OmniConnection.GROUP)
@Version(OmniConnection.VERSION)
@ShortNames("omniinst")
@io.fabric8.kubernetes.model.annotation.Categories("omni")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "URL",
    jsonPath = ".spec.url",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Connections",
    jsonPath = ".status.connections",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Last List",
    jsonPath = ".status.lastListTime",
    type = AdditionalPrinterColumn.Type.DATE,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class OmniInstance extends CustomResource<OmniInstanceSpec, OmniInstanceStatus>
    implements Namespaced {

  @Override
  @JsonPropertyDescription(
      "An Omni organisation URL and API key for the OmniConnections of this namespace (docs/tenancy.md).")
  public OmniInstanceSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state, written only by the operator.")
  @io.fabric8.generator.annotation.Default("{\"observedGeneration\":-1}")
  public OmniInstanceStatus getStatus() {
    return super.getStatus();
  }
}
