package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster, or an Omni, that cannot be reached or refuses the key is one line naming the fix. */
class CliConnectErrorsTest {
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
}
