package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code plan}: an unreachable cluster, unreadable files, a missing key or URL are one line. */
class PlanCommandErrorsTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();

  @Test
  void anUnreachableClusterIsOneLineNamingTheWayOut() throws Exception {
    Path f = omni.write("repo.yaml", pg("sales", ""));
    Path kubeconfig = omni.kubeconfig("http://127.0.0.1:9");

    Cli.Result r = omni.run("plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
        .singleElement()
        .asString()
        .contains("cannot read OmniConnections from the cluster in " + kubeconfig)
        .contains("--no-cluster");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void unreadableInputIsAOneLineError() {
    Cli.Result missing = omni.run("plan", "-f", omni.dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("error: " + omni.dir.resolve("nope.yaml") + ": no such file or directory");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void aMissingTokenIsOneLineNamingTheOptionAndTheVariable() {
    Assumptions.assumeTrue(
        System.getenv("OMNI_TOKEN") == null && System.getenv("OMNI_TOKEN_FILE") == null,
        "OMNI_TOKEN or OMNI_TOKEN_FILE is set in this environment");
    Cli.Result r =
        Cli.run(
            "plan",
            "-f",
            Cli.EXAMPLES.toString(),
            "--omni-url",
            omni.sim.baseUrl(),
            "--no-cluster");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: an Omni API key is required: --omni-token-file or OMNI_TOKEN"
                + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(omni.sim.totalRequests()).as("Omni is not called").isZero();
  }

  @Test
  void aMissingUrlIsOneLineNamingTheOptionAndTheVariable() {
    Assumptions.assumeTrue(System.getenv("OMNI_URL") == null, "OMNI_URL is set");
    Cli.Result r = Cli.run("plan", "-f", Cli.EXAMPLES.toString(), "--no-cluster");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("error: --omni-url (or OMNI_URL) is required" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }
}
