package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox --watch}: edits to the files reach Omni as exactly the PATCH they need. */
class SandboxWatchTest {
  @TempDir Path dir;

  @Test
  void anEditedBaseRoleAndARotatedSecretArePatchedAndARemovedFileDeletesItsResources()
      throws Exception {
    Path files = dir.resolve("manifests");
    Files.createDirectories(files);
    for (String f : List.of("00-namespace.yaml", "mysql.yaml", "postgres.yaml", "redshift.yaml")) {
      Files.copy(Cli.EXAMPLES.resolve(f), files.resolve(f));
    }
    Path token = dir.resolve("token");
    Files.writeString(token, SimulatorOptions.DEFAULT_TOKEN);
    try (OmniSimulator sim =
            OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build());
        CapturedStreams logs = new CapturedStreams();
        Cli.Background sandbox =
            new Cli.Background(
                "sandbox",
                "--watch",
                "-f",
                files.toString(),
                "--omni-url",
                sim.baseUrl(),
                "--omni-token-file",
                token.toString(),
                "--rate-limit",
                "6000",
                "--default-deletion-policy",
                "Delete")) {
      await("first table")
          .atMost(Duration.ofSeconds(30))
          .until(() -> sandbox.out().contains("3/3 OmniConnections Ready"));
      String mysqlId =
          sim.connections().stream()
              .filter(c -> c.name().equals("mysql-shop"))
              .findFirst()
              .orElseThrow()
              .id();
      sim.clearJournal();

      edit(files.resolve("mysql.yaml"), "baseRole: QUERIER", "baseRole: MODELER");
      await("baseRole PATCH")
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  !patches(sim).isEmpty()
                      && "MODELER".equals(sim.connection(mysqlId).orElseThrow().baseRole()));
      assertThat(patches(sim)).hasSize(1);
      assertThat(patches(sim).get(0).connectionId()).isEqualTo(mysqlId);
      assertThat(patches(sim).get(0).bodyKeys()).containsExactly("baseRole");
      assertThat(sandbox.err()).contains("updated OmniConnection omni-examples/mysql-shop");

      String pgId =
          sim.connections().stream()
              .filter(c -> c.name().equals("Postgres Analytics"))
              .findFirst()
              .orElseThrow()
              .id();
      sim.clearJournal();
      edit(
          files.resolve("postgres.yaml"),
          "example-postgres-password-not-real",
          "example-postgres-password-rotated");
      await("password PATCH")
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  sim.secretMatches(
                      pgId, "passwordUnencrypted", "example-postgres-password-rotated"));
      assertThat(patches(sim)).hasSize(1);
      assertThat(patches(sim).get(0).bodyKeys()).containsExactly("passwordUnencrypted");
      assertThat(sandbox.err()).contains("updated Secret omni-examples/postgres-credentials");

      String redshiftId =
          sim.connections().stream()
              .filter(c -> c.name().equals("redshift-warehouse"))
              .findFirst()
              .orElseThrow()
              .id();
      Files.delete(files.resolve("redshift.yaml"));
      await("archived after its file was removed")
          .atMost(Duration.ofSeconds(15))
          .until(() -> sim.connection(redshiftId).orElseThrow().archived());
      assertThat(sandbox.err())
          .contains("deleted OmniConnection omni-examples/redshift-warehouse")
          .contains("deleted Secret omni-examples/redshift-credentials");

      assertThat(sandbox.stop()).isZero();
      assertThat(sandbox.out()).contains("2/2 OmniConnections Ready");
      String everything = sandbox.out() + sandbox.err() + logs.text();
      Cli.assertNoSecretIn(everything);
      assertThat(everything).doesNotContain("example-postgres-password-rotated");
    }
  }

  private static List<JournalEntry> patches(OmniSimulator sim) {
    return sim.journal().stream().filter(j -> j.route().equals("patch")).toList();
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }
}
