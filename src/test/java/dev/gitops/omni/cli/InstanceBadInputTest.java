package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.TOKEN;
import static dev.gitops.omni.cli.BadInput.row;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue for instances in {@code plan}, {@code import} and {@code sandbox}: an
 * instance read as strictly as the API server (with its CRD's required fields and rules) reads it,
 * and the options that name instances. Each is one line naming the file and field, or the option.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceBadInputTest {
  @RegisterExtension static final OmniFixture omni = new OmniFixture();

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  private int files;

  String file(String yaml) {
    return omni.write("i" + ++files + ".yaml", yaml).toString();
  }

  /** A ClusterOmniInstance team-a with {@code spec} lines, its key's Secret and a connection. */
  static String cluster(String spec) {
    return """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: ClusterOmniInstance
        metadata: {name: team-a}
        spec:
        %s---
        apiVersion: v1
        kind: Secret
        metadata: {name: omni-key, namespace: omni-system}
        stringData: {token: %s}
        """
            .formatted(spec.indent(2), TOKEN)
        + TwoTeams.pg("team-a", "pg", "{name: team-a}");
  }

  static final String URL = "url: https://myorg.omniapp.co\n";
  static final String KEY = "tokenSecretRef: {name: omni-key, namespace: omni-system}\n";

  /** An OmniInstance team-a/omni with {@code spec} lines. */
  static String namespaced(String spec) {
    return """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniInstance
        metadata: {name: omni, namespace: team-a}
        spec:
        %s"""
        .formatted(spec.indent(2));
  }

  static String[] args(String... args) {
    return args;
  }

  Stream<BadInput> rows() {
    String doc1 = ", document 1 (ClusterOmniInstance team-a): ";
    String omniDoc = ", document 1 (OmniInstance omni): ";
    String m;
    return Stream.of(
        row("instance", "no spec.url", omni.plan("-f", m = file(cluster(KEY))))
            .names(m + doc1 + "spec.url")
            .fix("is required"),
        row(
                "instance",
                "a URL without scheme",
                omni.plan("-f", m = file(cluster("url: myorg.omniapp.co\n" + KEY))))
            .names(m + doc1 + "spec.url")
            .fix("must be a URL like https://myorg.omniapp.co"),
        row(
                "instance",
                "a URL with a user and password",
                omni.plan(
                    "-f",
                    m = file(cluster("url: https://admin:url-pass-5150@myorg.omniapp.co\n" + KEY))))
            .names(m + doc1 + "spec.url")
            .fix("no user, password or query")
            .secret("url-pass-5150"),
        row(
                "instance",
                "a URL with a query",
                omni.plan(
                    "-f", m = file(cluster("url: https://myorg.omniapp.co/?key=q-5150\n" + KEY))))
            .names(m + doc1 + "spec.url")
            .fix("no user, password or query")
            .secret("q-5150"),
        row("instance", "no tokenSecretRef", omni.plan("-f", m = file(cluster(URL))))
            .names(m + doc1 + "spec.tokenSecretRef.name")
            .fix("is required"),
        row(
                "instance",
                "a ClusterOmniInstance key without namespace",
                omni.plan("-f", m = file(cluster(URL + "tokenSecretRef: {name: omni-key}\n"))))
            .names(m + doc1 + "spec.tokenSecretRef.namespace")
            .fix("is required on a ClusterOmniInstance"),
        row(
                "instance",
                "an OmniInstance key with a namespace",
                omni.plan("-f", m = file(namespaced(URL + KEY))))
            .names(m + omniDoc + "spec.tokenSecretRef.namespace")
            .fix("is not allowed on an OmniInstance"),
        row(
                "instance",
                "a poll interval in days",
                omni.plan("-f", m = file(cluster(URL + KEY + "pollInterval: 1d\n"))))
            .names(m + doc1 + "spec.pollInterval")
            .fix("like 30s, 5m or 1h"),
        row(
                "instance",
                "requestsPerMinute 0",
                omni.plan("-f", m = file(cluster(URL + KEY + "requestsPerMinute: 0\n"))))
            .names(m + doc1 + "spec.requestsPerMinute")
            .fix("at least 1"),
        row(
                "instance",
                "a misspelt field",
                omni.plan("-f", m = file(cluster(URL + KEY + "namespace: {names: [a]}\n"))))
            .names(m + doc1 + "spec.namespace")
            .fix("unknown field"),
        row(
                "instance",
                "an unknown apiPrefix",
                omni.plan("-f", m = file(cluster(URL + KEY + "apiPrefix: v2\n"))))
            .names(m + doc1 + "spec.apiPrefix")
            .fix("expected one of v1, unstable"),
        row(
                "instance",
                "a selector operator Kubernetes does not know",
                omni.plan(
                    "-f",
                    m =
                        file(
                            cluster(
                                URL
                                    + KEY
                                    + "namespaces: {selector: {matchExpressions: [{key: t,"
                                    + " operator: Is, values: [a]}]}}\n"))))
            .names(m + doc1 + "spec.namespaces.selector.matchExpressions[0].operator")
            .fix("one of In, NotIn, Exists, DoesNotExist"),
        row(
                "instance",
                "a misspelt instance kind",
                omni.plan(
                    "-f",
                    m =
                        file(
                            cluster(URL + KEY)
                                .replace("ClusterOmniInstance", "ClusterOmniInstanse"))))
            .names(m + ", document 1", "ClusterOmniInstanse")
            .fix("OmniInstance and ClusterOmniInstance"),
        row(
                "plan",
                "--instance-token-file for an instance not in the files",
                omni.plan(
                    "-f",
                    m = file(cluster(URL + KEY)),
                    "--instance-token-file",
                    "team-b=/dev/null"))
            .names("--instance-token-file team-b", "team-a")
            .fix("the files hold no such instance"),
        row("import", "--instance without -f", args("import", "--instance", "team-a"))
            .names("--instance team-a", "-f")
            .fix("give -f with the file holding it"),
        row(
                "import",
                "--instance not in the files",
                args("import", "--instance", "team-b", "-f", m = file(cluster(URL + KEY))))
            .names("--instance team-b", "ClusterOmniInstance team-a")
            .fix("hold no such instance"),
        row(
                "import",
                "--instance with --omni-url",
                args(
                    "import",
                    "--omni-url",
                    "https://myorg.omniapp.co",
                    "--instance",
                    "team-a",
                    "-f",
                    m = file(cluster(URL + KEY))))
            .names("--omni-url")
            .fix("leave out --omni-url and --api-prefix"),
        row("import", "-f without --instance", args("import", "-f", m = file(cluster(URL + KEY))))
            .names("-f", "--instance")
            .fix("give --instance NAME too"),
        row(
                "import",
                "an OmniInstance into another namespace",
                args(
                    "import",
                    "--instance",
                    "omni",
                    "-n",
                    "team-b",
                    "-f",
                    m =
                        file(
                            namespaced(
                                "url: https://myorg.omniapp.co\ntokenSecretRef: {name: k}\n"))))
            .names("-n team-b", "OmniInstance team-a/omni")
            .fix("leave -n out"),
        row(
                "import",
                "a namespace the ClusterOmniInstance does not admit",
                args(
                    "import",
                    "--instance",
                    "team-a",
                    "-n",
                    "team-b",
                    "-f",
                    m = file(cluster(URL + KEY + "namespaces: {names: [team-a]}\n"))))
            .names("-n team-b", "ClusterOmniInstance team-a")
            .fix("choose an admitted namespace"),
        row(
                "import",
                "an instance key not in the files",
                args(
                    "import",
                    "--instance",
                    "omni",
                    "-f",
                    m =
                        file(
                            namespaced(
                                "url: https://myorg.omniapp.co\ntokenSecretRef: {name: k}\n"))))
            .names("OmniInstance team-a/omni", "Secret team-a/k key 'token'")
            .fix("give the key with --omni-token-file"),
        row(
                "sandbox",
                "--organisation without keys",
                args("sandbox", "-f", Cli.EXAMPLES.toString(), "--organisation", "team-a"))
            .names("--organisation", "team-a")
            .fix("is not NAME=TOKEN"),
        row(
                "sandbox",
                "--organisation with a real Omni",
                args(
                    "sandbox",
                    "-f",
                    Cli.EXAMPLES.toString(),
                    "--omni-url",
                    "https://myorg.omniapp.co",
                    "--organisation",
                    "a=b"))
            .names("--organisation", "--omni-url")
            .fix("cannot be used with --omni-url"));
  }
}
