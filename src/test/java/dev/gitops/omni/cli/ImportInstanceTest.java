package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which instance {@code import --instance} reads through, and what its manifests carry. */
class ImportInstanceTest {
  @TempDir Path dir;
  FileInstances files;

  static String omniInstance(String namespace, String name, String secret) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniInstance
        metadata: {name: %s, namespace: %s}
        spec:
          url: https://%s.example
          apiPrefix: unstable
          tokenSecretRef: {name: %s}
        """
        .formatted(name, namespace, namespace, secret);
  }

  @BeforeEach
  void layout() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("layout.yaml"),
            TwoTeams.instances("https://omni.example", "ka", "kb")
                + omniInstance("team-c", "omni", "nokey")
                + omniInstance("team-a", "team-a", "nokey"));
    files = new FileInstances(ManifestReader.read(List.of(f)).manifests());
  }

  @ParameterizedTest(name = "--instance {0} -n {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "ClusterOmniInstance/team-a, -,      ClusterOmniInstance team-a, ClusterOmniInstance, -,      https://omni.example, v1",
        "ClusterOmniInstance/team-a, team-a, ClusterOmniInstance team-a, ClusterOmniInstance, team-a, https://omni.example, v1",
        "omni,                       team-b, OmniInstance team-b/omni,   OmniInstance,        team-b, https://omni.example, v1",
        "OmniInstance/omni,          team-c, OmniInstance team-c/omni,   OmniInstance,        team-c, https://team-c.example, unstable",
        "OmniInstance/team-a,        -,      OmniInstance team-a/team-a, OmniInstance,        team-a, https://team-a.example, unstable",
      })
  void findsTheInstanceAndWhatTheManifestsCarry(
      String name,
      String namespace,
      String id,
      String kind,
      String manifestNamespace,
      String url,
      String prefix) {
    ImportInstance i = ImportInstance.find(files, name, namespace, SecretValue.of("from-file"));

    assertThat(i.id()).isEqualTo(id);
    assertThat(i.ref().kindOrDefault().name()).isEqualTo(kind);
    assertThat(i.ref().name).isEqualTo(name.substring(name.indexOf('/') + 1));
    assertThat(i.namespace()).isEqualTo(manifestNamespace);
    assertThat(i.url()).isEqualTo(url);
    assertThat(i.prefix()).isEqualTo(prefix);
  }

  @Test
  void theKeyComesFromTheFilesElseFromTheTokenFile() {
    ImportInstance fromFiles = ImportInstance.find(files, "ClusterOmniInstance/team-a", null, null);
    assertThat(fromFiles.key().reveal()).isEqualTo("ka");
    assertThat(fromFiles.keyFrom()).isEqualTo("Secret omni-system/omni-team-a key 'token'");

    ImportInstance fromFile =
        ImportInstance.find(files, "omni", "team-c", SecretValue.of("from-file"));
    assertThat(fromFile.key().reveal()).isEqualTo("from-file");
    assertThat(fromFile.keyFrom()).isEqualTo("--omni-token-file");
  }

  @Test
  void anAmbiguousNameAsksForTheKindOrTheNamespace() {
    assertThatThrownBy(() -> ImportInstance.find(files, "team-a", null, null))
        .hasMessageContaining("matches ClusterOmniInstance team-a, OmniInstance team-a/team-a")
        .hasMessageContaining("write ClusterOmniInstance/NAME or OmniInstance/NAME");
    assertThatThrownBy(() -> ImportInstance.find(files, "omni", null, null))
        .hasMessageContaining("OmniInstance team-b/omni, OmniInstance team-c/omni")
        .hasMessageContaining("-n for an OmniInstance");
    assertThatThrownBy(() -> ImportInstance.find(files, "Instance/omni", null, null))
        .hasMessageContaining("write NAME, ClusterOmniInstance/NAME or OmniInstance/NAME");
  }
}
