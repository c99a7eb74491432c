package dev.gitops.omni.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The instances in manifest files, their keys and the Namespaces' labels. */
class FileInstancesTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "stringData        | 'stringData: {token: k-1}'           | k-1 | true",
        "base64 data       | 'data: {token: ay0x}'                | k-1 | true",
        "another key only  | 'stringData: {other: k-1}'           | -   | true",
        "blank key         | 'stringData: {token: \" \"}'         | -   | true",
        "no Secret         | -                                    | -   | false",
      })
  void theKeyAsTheFilesHoldIt(String title, String data, String value, boolean inFiles)
      throws IOException {
    String secret =
        data == null
            ? ""
            : "---\napiVersion: v1\nkind: Secret\nmetadata: {name: key, namespace: keys}\n"
                + data
                + "\n";
    FileInstances files = read(SimulatorTenantsTest.cluster("team-a", "key") + secret);

    FileInstances.Key key = files.key(files.cluster("team-a").orElseThrow());

    assertThat(key.where()).isEqualTo("Secret keys/key key 'token'");
    assertThat(key.value()).isEqualTo(value);
    assertThat(key.secretInFiles()).isEqualTo(inFiles);
    assertThat(key.toString()).doesNotContain("k-1");
  }

  @Test
  void findsInstancesByKindNamespaceAndNameAndReadsNamespaceLabels() throws IOException {
    FileInstances files =
        read(
            SimulatorTenantsTest.cluster("a", "s")
                + SimulatorTenantsTest.namespaced("team-b", "omni")
                + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-b, labels: {t: b}}\n");

    assertThat(files.all())
        .extracting(FileInstances::id)
        .containsExactly("ClusterOmniInstance a", "OmniInstance team-b/omni");
    assertThat(files.namespaced("team-b", "omni")).isPresent();
    assertThat(files.namespaced("team-a", "omni")).isEmpty();
    assertThat(files.cluster("omni")).isEmpty();
    assertThat(FileInstances.tokenNamespace(files.cluster("a").orElseThrow())).isEqualTo("keys");
    assertThat(FileInstances.tokenNamespace(files.namespaced("team-b", "omni").orElseThrow()))
        .isEqualTo("team-b");
    assertThat(files.namespaceLabels("team-b")).contains(Map.of("t", "b"));
    assertThat(files.namespaceLabels("team-c")).isEmpty();
  }

  @Test
  void aClusterInstanceHasNoNamespaceEvenWhenItsFileGivesOne() throws IOException {
    FileInstances files =
        read(
            SimulatorTenantsTest.cluster("a", "s")
                .replace("metadata: {name: a}", "metadata: {name: a, namespace: stray}"));
    assertThat(files.cluster("a").orElseThrow().namespace()).isNull();
  }

  FileInstances read(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("m.yaml"), yaml);
    return new FileInstances(ManifestReader.read(List.of(f)).manifests());
  }
}
