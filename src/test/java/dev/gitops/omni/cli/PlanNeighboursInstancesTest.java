package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} with instances: each connection's schedules and links are read through its own
 * instance's client (another organisation's key would get 404), the links once per instance that
 * needs them.
 */
class PlanNeighboursInstancesTest {
  @TempDir Path dir;
  OmniSimulator sim;

  @BeforeEach
  void start() {
    sim =
        OmniSimulator.start(
            SimulatorOptions.builder()
                .rateLimitPerMinute(0)
                .organisation("team-a", PlanInstancesCommandTest.KEY_A)
                .organisation("team-b", PlanInstancesCommandTest.KEY_B)
                .build());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String seed(String org, String name, Map<String, Object> more) {
    Map<String, Object> body = new java.util.HashMap<>(more);
    body.putAll(
        Map.of("dialect", "postgres", "name", name, "database", "analytics", "baseRole", "VIEWER"));
    body.put("passwordUnencrypted", "x");
    return sim.organisation(org).seed(body);
  }

  @Test
  void eachInstanceIsReadWithItsOwnKey() throws Exception {
    String salesA = seed("team-a", "sales", Map.of());
    sim.organisation("team-a").seedSchedule(salesA, "0 9 ? * MON-FRI *", "UTC");
    String salesB = seed("team-b", "sales", Map.of());
    sim.organisation("team-b").seedSchedule(salesB, "0 6 ? * * *", "Europe/Paris");
    String base =
        seed(
            "team-b",
            "base",
            Map.of(
                "environmentUserAttribute",
                Map.of("attributeName", "env", "defaultValues", List.of())));
    String dev = seed("team-b", "dev", Map.of());
    sim.organisation("team-b").seedEnvironment(base, dev, List.of("dev"));
    String b = "{kind: OmniInstance, name: omni}";
    Path f =
        Files.writeString(
            dir.resolve("teams.yaml"),
            TwoTeams.instances(
                    sim.baseUrl(), PlanInstancesCommandTest.KEY_A, PlanInstancesCommandTest.KEY_B)
                + TwoTeams.pg("team-a", "sales", "{name: team-a}")
                + "  schemaRefreshSchedules: [{schedule: '0 9 ? * MON-FRI *', timezone: UTC}]\n"
                + TwoTeams.pg("team-b", "sales", b)
                + "  schemaRefreshSchedules: [{schedule: '0 6 ? * * *', timezone: Europe/Paris}]\n"
                + TwoTeams.pg("team-b", "base", b)
                + "  environmentUserAttribute: {attributeName: env}\n"
                + TwoTeams.pg("team-b", "dev", b)
                + "  environmentOf: {name: base, userAttributeValues: [dev]}\n");

    Cli.Result r = Cli.run("plan", "--no-cluster", "-f", f.toString());

    assertThat(line(r.out(), "team-a/sales")).contains("in sync");
    assertThat(line(r.out(), "team-b/sales")).contains("in sync");
    assertThat(line(r.out(), "team-b/dev")).contains("in sync");
    assertThat(r.out()).contains("Schedules: 0 to change, 2 in sync.");
    assertThat(sim.count("schedule-list", 200)).isEqualTo(2);
    assertThat(sim.count("environment-list")).as("team-b only, once").isEqualTo(1);
  }
}
