package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD in crds/ is generated from the Java model by the Fabric8 CRD generator at
 * process-classes, then laid out by {@link CrdLayout} (column order, root description). This test
 * fails when the committed copy is stale; run the build with {@code -Dcrd.update=true} to refresh
 * it.
 */
class CrdIsCurrentTest {
  static final String FILE = "omniconnections.omni.gitops.dev-v1.yml";

  @Test
  void committedCrdEqualsGeneratedCrd() throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8", FILE);
    Path committed = Path.of("crds", FILE);
    assertThat(generated).as("CRD generated at process-classes").exists();
    String expected = CrdLayout.apply(Files.readString(generated));
    if (Boolean.getBoolean("crd.update")) {
      Files.writeString(committed, expected);
    }
    assertThat(Files.readString(committed))
        .as("crds/%s is stale: rebuild with -Dcrd.update=true and commit it", FILE)
        .isEqualTo(expected);
  }

  @Test
  void columnsReadReadyAndSyncedFirstAgeLastAndTheKindIsDescribed() throws IOException {
    var crd =
        new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
            .unmarshal(
                Files.readString(Path.of("crds", FILE)),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
    var version = crd.getSpec().getVersions().get(0);
    var names =
        version.getAdditionalPrinterColumns().stream()
            .map(c -> c.getName() + (c.getPriority() != null && c.getPriority() > 0 ? "*" : ""))
            .toList();
    assertThat(names)
        .containsExactly(
            "Ready", "Synced", "Dialect", "Reason*", "Connection ID*", "Omni Name*", "Age");
    assertThat(version.getSchema().getOpenAPIV3Schema().getDescription())
        .isEqualTo(CrdLayout.ROOT_DESCRIPTION);
  }
}
