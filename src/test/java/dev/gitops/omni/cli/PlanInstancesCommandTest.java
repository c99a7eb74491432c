package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.find;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} with instances in the files: each connection planned against the organisation of its
 * instance, one list per instance, and refusals that cost no Omni call.
 */
class PlanInstancesCommandTest {
  static final String KEY_A = "key-team-a";
  static final String KEY_B = "key-team-b";

  @TempDir Path dir;
  OmniSimulator sim;
  String seededA;

  @BeforeEach
  void start() {
    sim =
        OmniSimulator.start(
            SimulatorOptions.builder()
                .rateLimitPerMinute(0)
                .tokens(SimulatorOptions.DEFAULT_TOKEN)
                .organisation("team-a", KEY_A)
                .organisation("team-b", KEY_B)
                .build());
    seededA =
        sim.organisation("team-a")
            .seed(
                Map.of(
                    "dialect", "postgres",
                    "name", "sales",
                    "database", "analytics",
                    "baseRole", "VIEWER",
                    "passwordUnencrypted", "x"));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Two teams: ClusterOmniInstance team-a for namespace team-a, OmniInstance team-b/omni. */
  String teams() {
    return TwoTeams.instances(sim.baseUrl(), KEY_A, KEY_B);
  }

  Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void eachConnectionIsPlannedAgainstItsOwnOrganisationWithOneListPerInstance() throws Exception {
    Path f =
        write(
            "teams.yaml",
            teams()
                + TwoTeams.pg("team-a", "sales", "{kind: ClusterOmniInstance, name: team-a}")
                + TwoTeams.pg("team-a", "orders", "{name: team-a}")
                + TwoTeams.pg("team-b", "sales", "{kind: OmniInstance, name: omni}")
                + TwoTeams.pg("team-b", "intruder", "{name: team-a}")
                + TwoTeams.pg("team-b", "ghost", "{kind: OmniInstance, name: nope}"));

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", f.toString());

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.out())
        .containsOnlyOnce("for ClusterOmniInstance team-a: 1 connections listed.")
        .containsOnlyOnce("for OmniInstance team-b/omni: 0 connections listed.")
        .contains("INSTANCE");
    assertThat(line(r.out(), "team-a/sales"))
        .startsWith("adopt")
        .contains("ClusterOmniInstance team-a", seededA);
    assertThat(line(r.out(), "team-a/orders"))
        .startsWith("create")
        .contains("ClusterOmniInstance team-a");
    assertThat(line(r.out(), "team-b/sales"))
        .startsWith("create")
        .contains("OmniInstance team-b/omni");
    assertThat(line(r.out(), "team-b/intruder"))
        .startsWith("blocked")
        .contains("namespace team-b may not use ClusterOmniInstance team-a");
    assertThat(line(r.out(), "team-b/ghost"))
        .startsWith("blocked")
        .contains("OmniInstance team-b/nope is not in the files");
    assertThat(sim.count("list")).as("one list per instance").isEqualTo(2);
    assertThat(sim.organisation("team-a").journal()).hasSize(1);
    assertThat(sim.organisation("team-b").journal()).hasSize(1);
    assertThat(sim.organisation("default").journal()).isEmpty();
    assertThat(r.all()).doesNotContain(KEY_A).doesNotContain(KEY_B);

    sim.resetCounters();
    JsonNode doc =
        JSON.readTree(Cli.run("plan", "--no-cluster", "-f", f.toString(), "-o", "json").out());
    assertThat(doc.path("instances")).hasSize(2);
    assertThat(doc.at("/instances/0/instance").asText()).isEqualTo("ClusterOmniInstance team-a");
    assertThat(doc.at("/instances/0/connectionsListed").asInt()).isEqualTo(1);
    assertThat(find(doc, "team-b/sales").path("instance").asText())
        .isEqualTo("OmniInstance team-b/omni");
    assertThat(find(doc, "team-b/intruder").path("reason").asText())
        .isEqualTo("InstanceNotAllowed");
    assertThat(find(doc, "team-b/ghost").path("reason").asText()).isEqualTo("InstanceNotFound");
    assertThat(sim.count("list")).isEqualTo(2);
  }

  @Test
  void aRefusedInstanceRefGivesTheRefusalRowWithoutAnOmniCall() throws Exception {
    Path f = write("intruder.yaml", teams() + TwoTeams.pg("team-b", "intruder", "{name: team-a}"));

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", f.toString());

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(line(r.out(), "team-b/intruder"))
        .startsWith("blocked")
        .contains("may not use ClusterOmniInstance team-a")
        .contains("nothing was sent to Omni");
    assertThat(r.out()).contains("0 to create", "1 blocked").doesNotContain("connections listed");
    assertThat(sim.totalRequests()).as("no Omni call").isZero();
  }

  @Test
  void aSelectorReadsTheNamespaceLabelsFromTheFiles() throws Exception {
    String selecting =
        teams()
            .replace(
                "namespaces: {names: [team-a]}",
                "namespaces: {selector: {matchLabels: {omni: a}}}");
    Path labelled =
        write(
            "labelled.yaml",
            selecting
                + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-c, labels: {omni: a}}\n"
                + TwoTeams.pg("team-c", "sales", "{name: team-a}")
                + TwoTeams.pg("team-d", "sales", "{name: team-a}"));

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", labelled.toString());

    assertThat(line(r.out(), "team-c/sales")).startsWith("adopt").contains(seededA);
    assertThat(line(r.out(), "team-d/sales"))
        .startsWith("blocked")
        .contains("may not use ClusterOmniInstance team-a")
        .contains("Namespace team-d is not in the files");
  }

  @Test
  void withoutInstanceRefTheDefaultInstanceElseTheCommandLineIsUsed() throws Exception {
    Path token = write("token", SimulatorOptions.DEFAULT_TOKEN);
    Path plain = write("plain.yaml", teams() + TwoTeams.pg("team-b", "legacy", null));

    Cli.Result cl =
        Cli.run(
            "plan",
            "--no-cluster",
            "-f",
            plain.toString(),
            "--omni-url",
            sim.baseUrl(),
            "--omni-token-file",
            token.toString());

    assertThat(cl.code()).as(cl.all()).isEqualTo(2);
    assertThat(cl.out()).contains("for --omni-url: 0 connections listed.");
    assertThat(line(cl.out(), "team-b/legacy")).startsWith("create").contains("--omni-url");
    assertThat(sim.organisation("default").journal()).hasSize(1);

    Path withDefault =
        write(
            "default.yaml",
            teams().replace("metadata: {name: team-a}\nspec:", "metadata: {name: default}\nspec:")
                + TwoTeams.pg("team-a", "sales", null));
    Cli.Result def = Cli.run("plan", "--no-cluster", "-f", withDefault.toString());

    assertThat(def.code()).as(def.all()).isZero();
    assertThat(line(def.out(), "team-a/sales"))
        .startsWith("adopt")
        .contains("ClusterOmniInstance default", seededA);
  }

  @Test
  void aKeyNotInTheFilesBlocksItsConnectionsUntilGivenOnTheCommandLine() throws Exception {
    String noSecretB = TwoTeams.withoutSecretB(sim.baseUrl(), KEY_A);
    Path f =
        write(
            "nokey.yaml",
            noSecretB
                + TwoTeams.pg("team-a", "sales", "{name: team-a}")
                + TwoTeams.pg("team-b", "sales", "{kind: OmniInstance, name: omni}"));

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", f.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(line(r.out(), "team-b/sales"))
        .startsWith("blocked")
        .contains("its key is not in the files (Secret team-b/omni key 'token')")
        .contains("--instance-token-file team-b/omni=FILE");
    assertThat(line(r.out(), "team-a/sales")).startsWith("adopt");
    assertThat(sim.organisation("team-b").journal()).isEmpty();

    Path key = write("key-b", KEY_B + "\n");
    Cli.Result given =
        Cli.run(
            "plan",
            "--no-cluster",
            "-f",
            f.toString(),
            "--instance-token-file",
            "team-b/omni=" + key);
    assertThat(given.code()).as(given.all()).isEqualTo(2);
    assertThat(line(given.out(), "team-b/sales")).startsWith("create");
  }

  @Test
  void aRefusedKeyBlocksOnlyItsInstancesConnections() throws Exception {
    Path f =
        write(
            "wrong.yaml",
            teams().replace(KEY_B, "not-a-key")
                + TwoTeams.pg("team-a", "sales", "{name: team-a}")
                + TwoTeams.pg("team-b", "sales", "{kind: OmniInstance, name: omni}"));

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", f.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("OmniInstance team-b/omni: not listed");
    assertThat(line(r.out(), "team-b/sales"))
        .startsWith("blocked")
        .contains("HTTP 401")
        .contains("Omni refused the key from Secret team-b/omni key 'token'");
    assertThat(line(r.out(), "team-a/sales")).startsWith("adopt");
    assertThat(r.all()).doesNotContain("not-a-key");
  }
}
