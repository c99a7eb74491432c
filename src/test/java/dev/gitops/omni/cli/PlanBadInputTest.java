package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.TOKEN;
import static dev.gitops.omni.cli.BadInput.row;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue for {@code plan}: usage, Omni and the cluster ({@link
 * PlanManifestBadInputTest} has the manifests and credentials).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanBadInputTest {
  @RegisterExtension static final OmniFixture omni = new OmniFixture();

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  Stream<BadInput> rows() {
    String f = omni.write("pg.yaml", PlanManifestBadInputTest.pg("")).toString();
    return Stream.of(
        row("usage", "plan without -f", "plan", "--omni-url", omni.sim.baseUrl())
            .names("'--filename=PATH'")
            .fix("see `omni-operator plan --help`"),
        row("usage", "plan with an unknown option", omni.plan("-f", f, "--dry-run"))
            .names("--dry-run")
            .fix("see `omni-operator plan --help`"),
        row(
                "usage",
                "a mistyped option's value is not echoed",
                omni.plan("-f", f, "--token", TOKEN))
            .names("--token")
            .fix("--help"),
        row(
                "usage",
                "a mistyped option=value is not echoed",
                omni.plan("-f", f, "--token=" + TOKEN))
            .names("--token")
            .fix("--help"),
        row("usage", "plan -o yaml", omni.plan("-f", f, "-o", "yaml"))
            .names("--output")
            .fix("must be text or json"),
        row("usage", "plan --api-prefix v2", omni.plan("-f", f, "--api-prefix", "v2"))
            .names("--api-prefix")
            .fix("must be v1 or unstable"),
        row("usage", "plan --log-format xml", omni.plan("-f", f, "--log-format", "xml"))
            .names("--log-format")
            .fix("must be text or json"),
        row("omni-url", "nothing listening on the port", planAt(closed(), "-f", f))
            .names("--omni-url")
            .fix("could not connect to Omni"),
        row("token", "a rejected API key (401)", wrongToken("-f", f))
            .names("401", "--omni-token-file")
            .fix("check the Omni API key"),
        row(
                "cluster",
                "--kubeconfig names no file",
                planWithCluster(f, omni.dir.resolve("no-kube")))
            .names("--kubeconfig " + omni.dir.resolve("no-kube"))
            .fix("--no-cluster"),
        row("cluster", "--kubeconfig at a closed port", planWithCluster(f, closedCluster()))
            .names("the cluster in " + omni.dir.resolve("kubeconfig"), "Connection refused")
            .fix("--no-cluster"));
  }

  static String closed() {
    return "http://127.0.0.1:" + BadInput.closedPort();
  }

  String[] planAt(String url, String... more) {
    List<String> args = new ArrayList<>(List.of(omni.plan(more)));
    args.set(args.indexOf("--omni-url") + 1, url);
    return args.toArray(String[]::new);
  }

  String[] wrongToken(String... more) {
    Path wrong = omni.write("wrong-token", TOKEN + "\n");
    List<String> args = new ArrayList<>(List.of("plan", "--no-cluster"));
    args.addAll(List.of("--omni-url", omni.sim.baseUrl(), "--omni-token-file", wrong.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  String[] planWithCluster(String f, Path kubeconfig) {
    List<String> args =
        new ArrayList<>(List.of(omni.plan("-f", f, "--kubeconfig", kubeconfig.toString())));
    args.remove("--no-cluster");
    return args.toArray(String[]::new);
  }

  Path closedCluster() {
    return omni.write(
        "kubeconfig",
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: %s}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: team}}]
        current-context: c
        """
            .formatted(BadInput.closedPort(), TOKEN));
  }
}
