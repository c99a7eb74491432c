package dev.gitops.omni.cli;

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
 * The bad-input catalogue for {@code sandbox}: each is refused before the embedded Kubernetes API
 * or the simulator starts.
 */
class SandboxBadInputTest {
  @TempDir static Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  /** {@code sandbox} on the examples, then {@code more}. */
  static String[] sandbox(String... more) {
    List<String> args = new ArrayList<>(List.of("sandbox", "-f", Cli.EXAMPLES.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static Stream<BadInput> rows() throws Exception {
    Path typo =
        Files.writeString(
            dir.resolve("typo.yaml"),
            """
            apiVersion: omni.gitops.dev/v1alpha1
            kind: OmniConnection
            metadata: {name: pg}
            spec: {dialect: postgres, databse: shop}
            """);
    return Stream.of(
        row("usage", "sandbox with an unknown option", sandbox("--bogus"))
            .names("--bogus")
            .fix("see `omni-operator sandbox --help`"),
        row("usage", "--timeout in days", sandbox("--timeout", "99999999999d"))
            .names("--timeout", "'99999999999d'")
            .fix("write it like 30s, 5m, 1h or 1h30m"),
        row("usage", "--timeout that overflows", sandbox("--timeout", "99999999999999h"))
            .names("--timeout")
            .fix("at most 30 days (720h)"),
        row("usage", "--timeout 0s", sandbox("--timeout", "0s"))
            .names("--timeout")
            .fix("must be positive"),
        row("usage", "--poll-interval 1ms", sandbox("--poll-interval", "1ms"))
            .names("--poll-interval 1ms")
            .fix("use at least 10s"),
        row("usage", "--poll-interval 0s", sandbox("--poll-interval", "0s"))
            .names("--poll-interval")
            .fix("must be positive"),
        row("usage", "--poll-interval -5s", sandbox("--poll-interval", "-5s"))
            .names("--poll-interval", "'-5s'")
            .fix("write it like 30s"),
        row("usage", "--rate-limit 0", sandbox("--rate-limit", "0"))
            .names("--rate-limit")
            .fix("must be at least 1"),
        row("usage", "--sim-rate-limit -1", sandbox("--sim-rate-limit", "-1"))
            .names("--sim-rate-limit")
            .fix("at least 0"),
        row("usage", "--default-deletion-policy Keep", sandbox("--default-deletion-policy", "Keep"))
            .names("--default-deletion-policy", "'Keep'")
            .fix("expected one of [Orphan, Delete]"),
        row("omni-url", "sandbox --omni-url without a scheme", sandbox("--omni-url", "omni.test"))
            .names("--omni-url", "omni.test")
            .fix("(with https://)"),
        row("manifest", "sandbox on a file with a typo", "sandbox", "-f", typo.toString())
            .names(typo + ", document 1 (OmniConnection pg): spec.databse")
            .fix("check its spelling"),
        row("manifest", "sandbox -f names no file", "sandbox", "-f", dir.resolve("no").toString())
            .names(dir.resolve("no").toString())
            .fix("no such file or directory"));
  }
}
