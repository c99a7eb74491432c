package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option value the operator would choke on is refused up front, in one line. */
class CliOptionErrorsTest {
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
}
