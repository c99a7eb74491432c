package dev.gitops.omni.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox applies instances like kubectl: before the connections that use them, deleted after
 * them, and an edit keeps what the operator owns (status, finalizers).
 */
class ManifestApplierInstancesTest {
  @TempDir Path dir;

  /** The connection is written first: the applier must still create its instances before it. */
  static final String LAYOUT =
      """
      apiVersion: omni.gitops.dev/v1alpha1
      kind: OmniConnection
      metadata: {name: pg, namespace: team-b}
      spec:
        instanceRef: {kind: OmniInstance, name: omni}
        dialect: postgres
      """
          + SimulatorTenantsTest.namespaced("team-b", "omni")
          + SimulatorTenantsTest.cluster("shared", "key");

  @Test
  void instancesComeBeforeTheirConnectionsAndAnEditKeepsTheOperatorsFields() throws IOException {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start()) {
      ManifestApplier applier = new ManifestApplier(kube.client());

      assertThat(applier.sync(read(LAYOUT)))
          .extracting(ManifestApplier.Change::toString)
          .containsExactly(
              "created ClusterOmniInstance shared",
              "created OmniInstance team-b/omni",
              "created OmniConnection team-b/pg");

      var clusterOps = kube.client().resources(ClusterOmniInstance.class).withName("shared");
      clusterOps.edit(
          c -> {
            c.getMetadata().setFinalizers(List.of("omni.gitops.dev/in-use"));
            return c;
          });
      ClusterOmniInstance withStatus = clusterOps.get();
      withStatus.setStatus(new OmniInstanceStatus());
      withStatus.getStatus().connections = 1;
      kube.client().resources(ClusterOmniInstance.class).resource(withStatus).updateStatus();

      assertThat(
              applier.sync(read(LAYOUT.replace("https://shared.example", "https://moved.example"))))
          .extracting(ManifestApplier.Change::toString)
          .containsExactly("updated ClusterOmniInstance shared");
      ClusterOmniInstance after = clusterOps.get();
      assertThat(after.getSpec().url).isEqualTo("https://moved.example");
      assertThat(after.getStatus().connections).isEqualTo(1);
      assertThat(after.getMetadata().getFinalizers()).containsExactly("omni.gitops.dev/in-use");
      assertThat(
              kube.client()
                  .resources(OmniInstance.class)
                  .inNamespace("team-b")
                  .withName("omni")
                  .get()
                  .getSpec()
                  .tokenSecretRef
                  .name)
          .isEqualTo("key");

      assertThat(applier.sync(List.of()))
          .extracting(ManifestApplier.Change::toString)
          .containsExactly(
              "deleted OmniConnection team-b/pg",
              "deleted OmniInstance team-b/omni",
              "deleted ClusterOmniInstance shared");
    }
  }

  List<Manifest> read(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("m.yaml"), yaml);
    return ManifestReader.read(List.of(f)).manifests();
  }
}
