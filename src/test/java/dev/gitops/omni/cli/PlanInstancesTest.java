package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.Manifest;
import dev.gitops.omni.sandbox.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which instance {@code plan} uses for a connection, as the operator would resolve it. */
class PlanInstancesTest {
  @TempDir Path dir;

  static final String LAYOUT =
      TwoTeams.instances("https://omni.example", "ka", "kb")
          + """
          ---
          apiVersion: v1
          kind: Namespace
          metadata: {name: labelled, labels: {tier: gold}}
          ---
          apiVersion: omni.gitops.dev/v1alpha1
          kind: ClusterOmniInstance
          metadata: {name: gold}
          spec:
            url: https://gold.example
            tokenSecretRef: {name: omni-team-a, namespace: omni-system}
            namespaces: {selector: {matchLabels: {tier: gold}}}
          ---
          apiVersion: omni.gitops.dev/v1alpha1
          kind: ClusterOmniInstance
          metadata: {name: open}
          spec:
            url: https://open.example
            tokenSecretRef: {name: omni-team-a, namespace: omni-system}
          """;

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "team-a   | {name: team-a}                          | ClusterOmniInstance team-a | -",
        "team-a   | {kind: ClusterOmniInstance, name: team-a} | ClusterOmniInstance team-a | -",
        "team-b   | {name: team-a}                          | ClusterOmniInstance team-a | InstanceNotAllowed",
        "team-b   | {kind: OmniInstance, name: omni}        | OmniInstance team-b/omni   | -",
        "team-a   | {kind: OmniInstance, name: omni}        | OmniInstance team-a/omni   | InstanceNotFound",
        "team-a   | {name: nope}                            | ClusterOmniInstance nope   | InstanceNotFound",
        "team-b   | -                                       | --omni-url                 | -",
        "team-b   | {name: default}                         | --omni-url                 | -",
        "labelled | {name: gold}                            | ClusterOmniInstance gold   | -",
        "team-a   | {name: gold}                            | ClusterOmniInstance gold   | InstanceNotAllowed",
        "unlisted | {name: gold}                            | ClusterOmniInstance gold   | InstanceNotAllowed",
        "anything | {name: open}                            | ClusterOmniInstance open   | -",
      })
  void resolvesAsTheOperatorDoes(String namespace, String ref, String id, String reason)
      throws IOException {
    PlanInstances.Choice c = resolve(LAYOUT, namespace, ref);

    assertThat(c.id()).isEqualTo(id);
    assertThat(c.reason()).isEqualTo(reason);
    assertThat(c.refused()).isEqualTo(reason != null);
    assertThat(c.instance() == null).isEqualTo(reason != null || id.equals("--omni-url"));
    if (reason != null) {
      assertThat(c.message()).contains(id).contains("nothing was sent to Omni");
    }
  }

  @Test
  void aSelectorWithoutTheNamespaceInTheFilesSaysSo() throws IOException {
    assertThat(resolve(LAYOUT, "unlisted", "{name: gold}").message())
        .contains("Namespace unlisted is not in the files");
    assertThat(resolve(LAYOUT, "team-a", "{name: gold}").message())
        .doesNotContain("is not in the files");
  }

  @Test
  void theDefaultClusterInstanceServesConnectionsWithoutInstanceRef() throws IOException {
    String withDefault = LAYOUT.replace("metadata: {name: open}", "metadata: {name: default}");
    PlanInstances.Choice c = resolve(withDefault, "team-b", null);
    assertThat(c.id()).isEqualTo("ClusterOmniInstance default");
    assertThat(c.commandLine()).isFalse();
  }

  @Test
  void instancesAreInUseWhenTheFilesHoldOneOrAConnectionNamesOne() throws IOException {
    assertThat(instances("").inUse(connections(TwoTeams.pg("x", "a", null)))).isFalse();
    assertThat(instances("").inUse(connections(TwoTeams.pg("x", "a", "{name: y}")))).isTrue();
    assertThat(instances(LAYOUT).inUse(connections(TwoTeams.pg("x", "a", null)))).isTrue();
  }

  PlanInstances.Choice resolve(String layout, String namespace, String ref) throws IOException {
    Manifest m = connections(TwoTeams.pg(namespace, "c", ref)).get(0);
    return instances(layout).resolve((OmniConnection) m.resource());
  }

  PlanInstances instances(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("layout.yaml"), yaml.isEmpty() ? "---\n" : yaml);
    return new PlanInstances(new FileInstances(ManifestReader.read(List.of(f)).manifests()));
  }

  List<Manifest> connections(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("connection.yaml"), yaml);
    return ManifestReader.read(List.of(f)).ofKind("OmniConnection");
  }
}
