package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help, errors and the standalone simulator. */
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
  void importRefusesANamespaceKubectlWouldRefuseBeforeCallingOmni() {
    Cli.Result r = Cli.run("import", "--omni-url", "http://127.0.0.1:9", "-n", "Bad NS!");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("error: -n/--namespace must be a Kubernetes namespace name")
        .endsWith("not 'Bad NS!'")
        .doesNotContain("127.0.0.1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1ms | 60  | use at least 10s",
        "0s  | 60  | must be positive",
        "9s  | 60  | use at least 10s",
        "500ms | 6000 | use at least 1s",
      })
  void aPollIntervalThatWouldStarveTheBudgetIsRefused(String poll, int rate, String message) {
    Cli.Result r =
        Cli.run(
            "run",
            "--omni-url",
            "http://127.0.0.1:9",
            "--poll-interval",
            poll,
            "--rate-limit",
            Integer.toString(rate));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("error: --poll-interval (POLL_INTERVAL)")
        .contains(message);
  }

  @Test
  void runWithoutAClusterIsOneLineNamingKubeconfig() throws Exception {
    Path token = java.nio.file.Files.createTempFile("token", "");
    java.nio.file.Files.writeString(token, "t");
    Map<String, String> props =
        Map.of(
            "kubernetes.master", "https://127.0.0.1:9",
            "kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false",
            // no retries with backoff: the answer is the same, only 20 s later
            "kubernetes.request.retry.backoffLimit", "0");
    props.forEach(System::setProperty);
    try {
      Cli.Result r =
          Cli.run(
              "run",
              "--omni-url",
              "http://127.0.0.1:9",
              "--omni-token-file",
              token.toString(),
              "--http-port",
              "0");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err().strip())
          .startsWith("error: cannot reach the Kubernetes API at https://127.0.0.1:9/ (")
          .endsWith("): set KUBECONFIG, or run the operator in a pod")
          .doesNotContain("\tat ");
    } finally {
      props.keySet().forEach(System::clearProperty);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "myorg.omniapp.co                   | must be a URL like https://myorg.omniapp.co (with https://)",
        "ftp://myorg.omniapp.co             | must be a URL like https://myorg.omniapp.co (with https://)",
        "https://my org.omniapp.co          | must be a URL like https://myorg.omniapp.co",
        "https://myorg.omniapp.co/api/v1    | is the instance, without /api/...: https://myorg.omniapp.co (the API prefix is --api-prefix)",
        "https://corp.example/omni/api      | is the instance, without /api/...: https://corp.example/omni (the API prefix is --api-prefix)",
        "https://me:hunter2@myorg.omniapp.co | must not carry credentials: give the API key with --omni-token-file",
      })
  void anOmniUrlMistakeIsOneLineBeforeAnyCall(String url, String message) {
    Cli.Result r = Cli.run("import", "--omni-url", url.strip());
    assertThat(r.err()).doesNotContain("hunter2");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("error: --omni-url ").contains(message.strip());
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void anEmptyOrMissingTokenFileIsOneLine() throws Exception {
    Path empty = java.nio.file.Files.createTempFile("token", "");
    Cli.Result r =
        Cli.run(
            "import", "--omni-url", "http://127.0.0.1:9", "--omni-token-file", empty.toString());
    assertThat(r.err().strip())
        .isEqualTo("error: --omni-token-file " + empty + " is empty: put the Omni API key in it");

    Cli.Result missing =
        Cli.run("import", "--omni-url", "http://127.0.0.1:9", "--omni-token-file", "/no/such/file");
    assertThat(missing.err().strip())
        .isEqualTo("error: cannot read --omni-token-file /no/such/file: no such file");
  }

  @Test
  void aRejectedKeyNamesWhereItComesFromAndWhatItMustBe() throws Exception {
    try (var sim = dev.gitops.omni.simulator.OmniSimulator.start()) {
      Path wrong = java.nio.file.Files.createTempFile("token", "");
      java.nio.file.Files.writeString(wrong, "not-the-key");
      Cli.Result r =
          Cli.run("import", "--omni-url", sim.baseUrl(), "--omni-token-file", wrong.toString());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
          .singleElement()
          .asString()
          .contains("401")
          .endsWith(
              "check the Omni API key (--omni-token-file or OMNI_TOKEN); it must be an"
                  + " organisation key with admin rights");
      assertThat(r.err()).doesNotContain("not-the-key");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "99999999999999999999h, '--timeout: ''99999999999999999999h'' is too long: at most 30 days (720h)'",
    "9223372036854775807h, '--timeout: ''9223372036854775807h'' is too long: at most 30 days (720h)'",
    "721h, '--timeout: ''721h'' is too long: at most 30 days (720h)'",
    "0s, '--timeout: must be positive'"
  })
  void aTimeoutThatWouldOverflowIsOneLine(String timeout, String message) {
    Cli.Result r = Cli.run("sandbox", "--timeout", timeout);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: " + message);
  }

  @Test
  void runRefusesZeroReconcileThreadsInsteadOfTheSdksFifty() {
    Cli.Result r = Cli.run("run", "--omni-url", "http://127.0.0.1:9", "--reconcile-threads", "0");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("error: --reconcile-threads (RECONCILE_THREADS) must be at least 1, not 0");
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
  void anUnreachableOmniIsOneLine() {
    Cli.Result r =
        Cli.run(
            "import",
            "--omni-url",
            "http://127.0.0.1:9",
            "--omni-token-file",
            Cli.EXAMPLES.resolve("mysql.yaml").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("example-mysql-password-not-real");
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
