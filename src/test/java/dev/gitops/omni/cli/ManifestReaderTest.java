package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.ManifestException;
import dev.gitops.omni.sandbox.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifests are read as strictly as the API server would: errors name file, document, field. */
class ManifestReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheExamplesDirectory() {
    var result = ManifestReader.read(List.of(Cli.EXAMPLES));
    assertThat(result.ofKind("OmniConnection")).hasSize(9);
    assertThat(result.ofKind("Secret")).hasSize(9);
    assertThat(result.ofKind("Namespace"))
        .singleElement()
        .satisfies(n -> assertThat(n.key()).isEqualTo("Namespace omni-examples"));
    assertThat(result.ofKind("OmniConnection"))
        .allSatisfy(m -> assertThat(m.namespace()).isEqualTo("omni-examples"));
    var bigquery = (OmniConnection) result.ofKind("OmniConnection").get(0).resource();
    assertThat(bigquery.getSpec().maxBillingBytes).isEqualTo(1_000_000_000L);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "port: '5432'            | spec.port: expected an integer",
        "port: 5432.5            | spec.port: expected an integer",
        "baseRole: 3             | spec.baseRole: expected a string",
        "trustServerCertificate: 'yes' | spec.trustServerCertificate: expected true or false",
        "includeSchemas: public  | spec.includeSchemas: expected a list",
        "baseRol: VIEWER         | spec.baseRol: unknown field (check its spelling and indentation)",
        "deletionPolicy: Keep    | spec.deletionPolicy: expected one of Orphan, Delete",
      })
  void aWrongFieldIsNamedWithItsDocument(String line, String message) throws IOException {
    Path f =
        write("a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\n" + pg(line));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .isInstanceOf(ManifestException.class)
        .hasMessage(f + ", document 2 (OmniConnection pg): " + message);
  }

  @Test
  void anUnknownDialectSaysWhichAreKnown() throws IOException {
    Path f = write("a.yaml", pg("port: 1").replace("dialect: postgres", "dialect: postgresql"));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessageContaining(
            "document 1 (OmniConnection pg): spec.dialect: unknown dialect 'postgresql'");
  }

  @Test
  void aWrongTypeInASecretNeverShowsTheValue() throws IOException {
    Path f =
        write(
            "s.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: 98765431234\n");
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessage(f + ", document 1 (Secret s): stringData.password: expected a string")
        .hasNoCause();
  }

  @Test
  void aYamlSyntaxErrorGivesTheLineButNotItsText() throws IOException {
    Path f =
        write("bad.yaml", "apiVersion: v1\nkind: Secret\nstringData:\n  password: \"topsecret\n");
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessageStartingWith(f + ": not valid YAML at line")
        .hasNoCause()
        .message()
        .doesNotContain("topsecret");
  }

  @Test
  void otherKindsAreSkippedAndDuplicatesRefused() throws IOException {
    Path f =
        write(
            "m.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
                + pg("port: 1")
                + "---\n"
                + pg("port: 2"));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessageContaining("OmniConnection default/pg is defined twice");
    Path g =
        write(
            "n.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n" + pg("port: 1"));
    var result = ManifestReader.read(List.of(g));
    assertThat(result.skipped()).singleElement().asString().contains("ConfigMap c");
    assertThat(result.manifests())
        .singleElement()
        .satisfies(m -> assertThat(m.namespace()).isEqualTo("default"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Postgres_Prod        | metadata.name must be a DNS-1123 subdomain",
        "Acme BigQuery — prod | metadata.name must be a DNS-1123 subdomain",
        "-pg                  | metadata.name must be a DNS-1123 subdomain",
      })
  void aNameTheApiServerRefusesIsRefused(String name, String message) throws IOException {
    Path f = write("a.yaml", pg("port: 1").replace("name: pg", "name: \"" + name + "\""));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(f + ", document 1 (OmniConnection " + name + "): " + message);
  }

  @Test
  void aNameOfMoreThan253CharactersIsRefused() throws IOException {
    String name = "a".repeat(254);
    Path f = write("a.yaml", pg("port: 1").replace("name: pg", "name: " + name));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessageContaining("metadata.name must be a DNS-1123 subdomain");
    Path ok = write("b.yaml", pg("port: 1").replace("name: pg", "name: " + "a".repeat(253)));
    assertThat(ManifestReader.read(List.of(ok)).manifests()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'metadata: {name: pg, namespce: team}' | OmniConnection pg): metadata.namespce: unknown field",
        "'metadata: {name: pg, namespace: Team_A}' | OmniConnection pg): metadata.namespace must be a DNS-1123 label",
      })
  void aTypoOrABadNamespaceInMetadataIsNamed(String metadata, String message) throws IOException {
    Path f = write("a.yaml", pg("port: 1").replace("metadata: {name: pg}", metadata));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f))).hasMessageContaining(message);
  }

  @Test
  void aTypoAtTheTopOfASecretIsNamedNotAMissingKeyLater() throws IOException {
    Path f =
        write(
            "s.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringdata:\n  password: pw\n");
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessage(
            f
                + ", document 1 (Secret s): stringdata: unknown field (check its spelling and"
                + " indentation)");
  }

  @Test
  void secretDataThatIsNotBase64IsRefusedNamingSecretAndKeyButNotTheValue() throws IOException {
    Path f =
        write(
            "s.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: hunter2!\n");
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessage(
            f
                + ", document 1 (Secret s): data.password: not valid base64 (put plain text under"
                + " stringData instead)")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void secretDataWrappedOverLinesIsReadAsTheApiServerReadsIt() throws IOException {
    Path f =
        write(
            "s.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  key.json: |\n"
                + "    eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCJ9\n    eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCJ9\n");
    assertThat(ManifestReader.read(List.of(f)).ofKind("Secret")).hasSize(1);
  }

  @Test
  void aKeyRepeatedInOneMappingIsRefusedAsKubectlDoes() throws IOException {
    Path f = write("a.yaml", pg("port: 1\n  port: 2"));
    assertThatThrownBy(() -> ManifestReader.read(List.of(f)))
        .hasMessageStartingWith(f + ": not valid YAML at line")
        .hasMessageEndingWith("the key 'port' appears twice");
  }

  @Test
  void instancesAreReadAndOnlyTheNamespacedKindGetsTheDefaultNamespace() throws IOException {
    Path f =
        write(
            "i.yaml",
            """
            apiVersion: omni.gitops.dev/v1alpha1
            kind: OmniInstance
            metadata: {name: omni}
            spec: {url: https://a.omniapp.co, tokenSecretRef: {name: k}}
            ---
            apiVersion: omni.gitops.dev/v1alpha1
            kind: ClusterOmniInstance
            metadata: {name: shared, namespace: ignored}
            spec:
              url: https://b.omniapp.co
              apiPrefix: unstable
              tokenSecretRef: {name: k, namespace: omni-system}
              namespaces: {names: [a, b]}
            """);

    var result = ManifestReader.read(List.of(f), "team");

    assertThat(result.ofKind("OmniInstance").get(0).key()).isEqualTo("OmniInstance team/omni");
    assertThat(result.ofKind("ClusterOmniInstance").get(0).key())
        .isEqualTo("ClusterOmniInstance shared");
    var shared =
        (dev.gitops.omni.model.ClusterOmniInstance)
            result.ofKind("ClusterOmniInstance").get(0).resource();
    assertThat(shared.getSpec().requestsPerMinute).as("the CRD's default").isEqualTo(60);
    assertThat(shared.getSpec().tokenSecretRef.key).isEqualTo("token");
    assertThat(shared.getSpec().namespaces.names).containsExactly("a", "b");
  }

  static String pg(String line) {
    return """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: pg}
        spec:
          dialect: postgres
          %s
        """
        .formatted(line);
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
