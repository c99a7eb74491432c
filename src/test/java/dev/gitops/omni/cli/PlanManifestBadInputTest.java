package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.PASSWORD;
import static dev.gitops.omni.cli.BadInput.row;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue for {@code plan} on bad files: manifests read as strictly as the API
 * server reads them, and credentials in the files' Secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanManifestBadInputTest {
  @RegisterExtension static final OmniFixture omni = new OmniFixture();

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  /** {@code plan} against the simulator, from the files alone, then {@code more}. */
  static String[] plan(String... more) {
    return omni.plan(more);
  }

  private int files;

  /** A manifest file holding {@code yaml}; its path. */
  String file(String yaml) {
    return omni.write("m" + ++files + ".yaml", yaml).toString();
  }

  static final String SECRET =
      """
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: pg, namespace: team}
      stringData: {password: %s}
      """
          .formatted(PASSWORD);

  /** An OmniConnection team/pg with {@code spec} lines added, and its Secret. */
  static String pg(String spec) {
    return """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: pg, namespace: team}
        spec:
          dialect: postgres
          database: analytics
          passwordSecretRef: {name: pg, key: password}
        %s
        """
            .formatted(spec.indent(2))
        + SECRET;
  }

  /** An OmniConnection named {@code name} whose kind is misspelt. */
  static String misspelt(String name) {
    return pg("")
        .replace(SECRET, "")
        .replace("kind: OmniConnection", "kind: OmniConection")
        .replace("name: pg,", "name: " + name + ",");
  }

  Stream<BadInput> rows() {
    String doc1 = ", document 1 (OmniConnection pg): ";
    String m;
    return Stream.of(
        row("manifest", "-f names no file", plan("-f", omni.dir.resolve("nope.yaml").toString()))
            .names(omni.dir.resolve("nope.yaml").toString())
            .fix("no such file or directory"),
        row("manifest", "unknown field in spec", plan("-f", m = file(pg("baseRol: VIEWER"))))
            .names(m + doc1 + "spec.baseRol")
            .fix("unknown field (check its spelling and indentation)"),
        row("manifest", "wrong type", plan("-f", m = file(pg("port: '5432'"))))
            .names(m + doc1 + "spec.port")
            .fix("expected an integer"),
        row("manifest", "wrong enum value", plan("-f", m = file(pg("deletionPolicy: Keep"))))
            .names(m + doc1 + "spec.deletionPolicy")
            .fix("expected one of Orphan, Delete"),
        row("manifest", "unknown dialect", plan("-f", m = file(pg("").replace("postgres", "pg"))))
            .names(m + doc1 + "spec.dialect")
            .fix("unknown dialect 'pg'"),
        row(
                "manifest",
                "YAML syntax error",
                plan("-f", m = file(pg("").replace(PASSWORD + "}", "\"" + PASSWORD + "\n"))))
            .names(m)
            .fix("not valid YAML at line "),
        row("manifest", "duplicate key", plan("-f", m = file(pg("port: 1\nport: 2"))))
            .names(m, "'port'")
            .fix("appears twice"),
        row(
                "manifest",
                "misspelt kind in the operator's group",
                plan("-f", m = file(pg("").replace("kind: OmniConnection", "kind: OmniConection"))))
            .names(m + ", document 1", "OmniConection")
            .fix("OmniConnection"),
        row(
                "manifest",
                "misspelt kind beside an OmniConnection",
                plan("-f", m = file(pg("") + "---\n" + misspelt("other"))))
            .names(m + ", document 3", "OmniConection")
            .fix("OmniConnection"),
        row("manifest", "wrong apiVersion", plan("-f", m = file(pg("").replace("v1alpha1", "v1"))))
            .names(m + ", document 1")
            .fix("must have apiVersion omni.gitops.dev/v1alpha1"),
        row(
                "manifest",
                "missing metadata.name",
                plan("-f", m = file(pg("").replace("{name: pg, namespace", "{namespace"))))
            .names(m + ", document 1 (OmniConnection): metadata.name")
            .fix("is required"),
        row(
                "manifest",
                "name that is not DNS-1123",
                plan(
                    "-f",
                    m = file(pg("").replace("name: pg, namespace", "name: PG_Prod, namespace"))))
            .names(m + ", document 1 (OmniConnection PG_Prod): metadata.name")
            .fix("lowercase letters, digits, '-' and '.'"),
        row(
                "manifest",
                "namespace that is not DNS-1123",
                plan("-f", m = file(pg("").replace("namespace: team}", "namespace: Team_A}"))))
            .names(m + doc1 + "metadata.namespace")
            .fix("lowercase letters, digits and '-'"),
        row("manifest", "a resource defined twice", plan("-f", m = file(pg("") + "---\n" + pg(""))))
            .names("OmniConnection team/pg", m + ", document 1", m + ", document 3")
            .fix("is defined twice"),
        row(
                "manifest",
                "a document that is not a mapping",
                plan("-f", m = file(pg("") + "---\nport 5432\n")))
            .names(m + ", document 3")
            .fix("expected a Kubernetes resource (a mapping)"),
        row("manifest", "no OmniConnection in the files", plan("-f", m = file(SECRET)))
            .names(m)
            .fix("kind OmniConnection"),
        row(
                "manifest",
                "typo at the top of a Secret",
                plan("-f", m = file(pg("").replace("stringData:", "stringdata:"))))
            .names(m + ", document 2 (Secret pg): stringdata")
            .fix("unknown field"),
        row(
                "credentials",
                "Secret data that is not base64",
                plan("-f", m = file(pg("").replace("stringData:", "data:"))))
            .names(m + ", document 2 (Secret pg): data.password")
            .fix("put plain text under stringData instead"),
        row(
                "credentials",
                "a Secret value that is a number",
                plan("-f", m = file(pg("").replace(PASSWORD, "98765431234"))))
            .names(m + ", document 2 (Secret pg): stringData.password")
            .fix("expected a string")
            .secret("98765431234"),
        row(
                "credentials",
                "an empty credential",
                plan("-f", m = file(pg("").replace(PASSWORD, "''"))))
            .names("Secret team/pg key 'password'")
            .fix("is empty: put the credential in it")
            .inPlanTable("team/pg"),
        row(
                "credentials",
                "a Secret key that is not there",
                plan("-f", m = file(pg("").replace("key: password", "key: pasword"))))
            .names("Secret team/pg", "'pasword'")
            .fix("add it")
            .inPlanTable("team/pg"));
  }
}
