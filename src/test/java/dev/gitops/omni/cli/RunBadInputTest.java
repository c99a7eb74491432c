package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.TOKEN;
import static dev.gitops.omni.cli.BadInput.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue for {@code run}: settings refused before the operator starts, and no
 * cluster behind KUBECONFIG. No Omni is needed: each fails before the first call.
 */
class RunBadInputTest {
  @TempDir static Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  static Path token;

  /** {@code run} with an Omni URL and a key (never called), then {@code more}. */
  static String[] run(String... more) {
    return runAt("http://127.0.0.1:9", more);
  }

  static String[] runAt(String url, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--omni-url", url));
    args.addAll(List.of("--omni-token-file", token.toString(), "--http-port", "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static Stream<BadInput> rows() throws Exception {
    token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d"}}]
            users: [{name: u, user: {token: %s}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """
                .formatted(BadInput.closedPort(), TOKEN));
    String poll = "--poll-interval (POLL_INTERVAL)";
    return Stream.of(
        row("usage", "run --poll-interval 1ms", run("--poll-interval", "1ms"))
            .names(poll + " 1ms")
            .fix("use at least 10s"),
        row("usage", "run --poll-interval 0s", run("--poll-interval", "0s"))
            .names(poll)
            .fix("must be positive"),
        row("usage", "run --poll-interval -5s", run("--poll-interval", "-5s"))
            .names(poll, "'-5s'")
            .fix("write it like 30s"),
        row("usage", "run --poll-interval 5 (no unit)", run("--poll-interval", "5"))
            .names(poll, "'5'")
            .fix("write it like 30s"),
        row("usage", "run --reconcile-threads 0", run("--reconcile-threads", "0"))
            .names("--reconcile-threads (RECONCILE_THREADS)")
            .fix("must be at least 1"),
        row("usage", "run --rate-limit 0", run("--rate-limit", "0"))
            .names("--rate-limit (RATE_LIMIT_PER_MINUTE)")
            .fix("must be at least 1"),
        row(
                "usage",
                "run --rate-limit 0 with a long poll",
                run("--rate-limit", "0", "--poll-interval", "1h"))
            .names("--rate-limit (RATE_LIMIT_PER_MINUTE)")
            .fix("must be at least 1"),
        row("usage", "run --rate-limit many", run("--rate-limit", "many"))
            .names("'--rate-limit'", "'many'")
            .fix("--help"),
        row("usage", "run --default-deletion-policy Keep", run("--default-deletion-policy", "Keep"))
            .names("'--default-deletion-policy'")
            .fix("expected one of [Orphan, Delete]"),
        row("usage", "run --log-format xml", run("--log-format", "xml"))
            .names("--log-format")
            .fix("must be text or json"),
        row("omni-url", "run --omni-url with the API path", runAt("https://omni.test/api/v1"))
            .names("--omni-url", "https://omni.test/api/v1")
            .fix("without /api/..."),
        row("cluster", "run with KUBECONFIG at a closed port", run())
            .property("kubeconfig", kubeconfig.toString())
            .property("kubernetes.auth.tryServiceAccount", "false")
            // no retries with backoff: the answer is the same, only 20 s later
            .property("kubernetes.request.retry.backoffLimit", "0")
            .names("cannot reach the Kubernetes API at https://127.0.0.1:")
            .fix("set KUBECONFIG, or run the operator in a pod"));
  }
}
