package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.sandbox.ManifestReader;
import dev.gitops.omni.sandbox.Sandbox;
import dev.gitops.omni.sandbox.SimulatorTenants;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.Organisations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox with two teams: an instance each, whose URL the sandbox points at its simulator and
 * whose key opens an organisation of its own, so each team's connection lands in its organisation.
 */
class SandboxTwoTeamsTest {
  static final String KEY_A = "FAKE-key-team-a";
  static final String KEY_B = "FAKE-key-team-b";

  @TempDir Path dir;

  Path teams(String more) throws IOException {
    return Files.writeString(
        dir.resolve("teams.yaml"),
        TwoTeams.instances("https://team-a.omniapp.co", KEY_A, KEY_B)
            + TwoTeams.pg("team-a", "sales", "{name: team-a}")
            + TwoTeams.pg("team-b", "sales", "{kind: OmniInstance, name: omni}")
            + more);
  }

  @Test
  void eachTeamsConnectionConvergesIntoItsOwnOrganisation() throws IOException {
    teams("");
    Cli.Result r;
    String logs;
    try (CapturedStreams streams = new CapturedStreams()) {
      r = Cli.run(SandboxCommandTest.args("sandbox", "-f", dir.toString()));
      logs = streams.text();
    }

    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("INSTANCE", "2/2 OmniConnections Ready");
    assertThat(row(r.out(), "team-a")).contains("ClusterOmniInstance/team-a", "True");
    assertThat(row(r.out(), "team-b")).contains("OmniInstance/omni", "True");
    assertThat(r.err())
        .contains("simulator organisations: default, team-a, team-b.omni")
        .contains("ClusterOmniInstance team-a: URL set to the simulator")
        .contains("Instance Ready: OmniInstance team-b/omni");
    assertThat(r.all() + logs).doesNotContain(KEY_A).doesNotContain(KEY_B);
  }

  @Test
  void theOrganisationsHoldOnlyTheirTeamsConnectionAndARefusedRefSendsNothing() throws IOException {
    Path f = teams(TwoTeams.pg("team-b", "intruder", "{name: team-a}"));
    ManifestReader.Result first = ManifestReader.read(List.of(f));
    Sandbox.Settings settings =
        new Sandbox.Settings(
            null,
            null,
            "v1",
            0,
            6000,
            Duration.ofSeconds(30),
            DeletionPolicy.Orphan,
            SimulatorTenants.of(Organisations.NONE, first.manifests()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (Sandbox sandbox = Sandbox.create(settings)) {
      int code =
          new SandboxRunner(
                  sandbox,
                  List.of(f),
                  first,
                  Duration.ofSeconds(40),
                  false,
                  false,
                  new PrintWriter(out, true),
                  new Progress(new PrintWriter(err, true)))
              .run();

      assertThat(code).as(out + "\n" + err).isEqualTo(1);
      OmniSimulator sim = sandbox.simulator();
      assertThat(hosts(sim, "team-a")).containsExactly("db.team-a");
      assertThat(hosts(sim, "team-b.omni")).containsExactly("db.team-b");
      assertThat(sim.connections()).as("the default organisation").isEmpty();
      assertThat(out.toString())
          .contains("2/3 OmniConnections Ready")
          .contains("namespace team-b may not use ClusterOmniInstance team-a");
      assertThat(err.toString()).contains("Stalled: team-b/intruder: InstanceNotAllowed");
    }
  }

  static List<String> hosts(OmniSimulator sim, String organisation) {
    return sim.connections(organisation).stream()
        .filter(c -> !c.archived())
        .map(c -> String.valueOf(c.settings().get("host")))
        .toList();
  }

  static String row(String out, String namespace) {
    return out.lines()
        .filter(l -> l.startsWith(namespace + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + namespace + " in\n" + out));
  }
}
