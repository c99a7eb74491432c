package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Help, usage errors, where logs and errors go, and the standalone simulator; bad option values are
 * in {@link CliOptionErrorsTest}, unreachable services in {@link CliConnectErrorsTest}.
 */
class CommandLineTest {
  @ParameterizedTest
  @CsvSource({
    "run, --poll-interval",
    "sandbox, --watch",
    "plan, --output",
    "import, --dialect",
    "simulator, --rate-limit"
  })
  void everyCommandHasHelp(String command, String option) {
    Cli.Result r = Cli.run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: omni-operator " + command).contains(option);
    if (!command.equals("run") && !command.equals("simulator")) {
      assertThat(r.out()).contains("--omni-url", "--omni-token-file", "--api-prefix");
    }
  }

  @Test
  void theTopLevelHelpListsTheCommands() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.out()).contains("run", "sandbox", "plan", "import", "simulator");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plan                          | Missing required option",
        "plan -f examples --no-such    | unknown option(s): --no-such",
        "import --omni-url             | Missing required parameter for option '--omni-url'",
        "sandbox --bogus               | unknown option(s): --bogus",
        "import --omni-token s3cr3t    | unknown option(s): --omni-token",
        "run --reconcile-threads many  | Invalid value for option '--reconcile-threads'",
        "no-such-command               | unexpected argument(s) (not shown: they may be secret values)"
      })
  void aUsageErrorExitsOneWithOneLineNeverTwo(String args, String message) {
    Cli.Result r = Cli.run(args.strip().split("\\s+"));

    assertThat(r.code()).as("2 means changes pending for plan").isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains(message).contains("--help`)");
    assertThat(r.err()).doesNotContain("s3cr3t");
  }

  @Test
  void jsonLogsGoToStderrSoStdoutCarriesOnlyTheCommandsOutput() {
    java.io.PrintStream originalOut = System.out;
    java.io.PrintStream originalErr = System.err;
    var stdout = new java.io.ByteArrayOutputStream();
    var stderr = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Cli.run(
          "plan",
          "-f",
          Cli.EXAMPLES.toString(),
          "--omni-url",
          "http://127.0.0.1:9",
          "--log-format",
          "json",
          "--log-level",
          "DEBUG",
          "-o",
          "json");
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      Cli.run("plan", "-f", Cli.EXAMPLES.toString(), "--omni-url", "http://127.0.0.1:9");
    }
    assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("the JSON logs")
        .contains("\"level\":\"DEBUG\"");
    assertThat(stdout.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("stdout, which `plan -o json > plan.json` keeps")
        .doesNotContain("\"level\"");
  }

  @Test
  void anErrorIsOneLineAndVerboseAddsTheStackTrace() {
    Cli.Result plain =
        Cli.run("plan", "-f", "examples", "--api-prefix", "v2", "--omni-url", "http://127.0.0.1:9");
    assertThat(plain.code()).isEqualTo(1);
    assertThat(plain.err().strip()).isEqualTo("error: --api-prefix must be v1 or unstable, not v2");

    Cli.Result verbose =
        Cli.run(
            "plan",
            "--verbose",
            "-f",
            "examples",
            "--api-prefix",
            "v2",
            "--omni-url",
            "http://127.0.0.1:9");
    assertThat(verbose.err())
        .startsWith("error: --api-prefix must be v1 or unstable")
        .contains("\tat ");
  }

  @Test
  void theSimulatorServesUntilStopped() throws Exception {
    try (Cli.Background sim = new Cli.Background("simulator", "--port", "0", "--tokens", "t1,t2")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> sim.out().contains("Ctrl-C to stop"));
      Matcher url =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(sim.out());
      assertThat(url.find()).isTrue();
      assertThat(sim.out()).contains("API token: t1, t2");
      try (var client =
          new OkHttpOmniClient(OmniClientConfig.of(url.group(1), SecretValue.of("t2")))) {
        assertThat(client.list(ListFilter.ALL)).isEmpty();
      }
      assertThat(sim.stop()).isZero();
      assertThat(sim.out()).contains("simulator stopped");
    }
  }
}
