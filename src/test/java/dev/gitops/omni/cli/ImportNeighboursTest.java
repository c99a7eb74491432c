package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.ImportCommandTest.byName;
import static dev.gitops.omni.cli.ImportCommandTest.docs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.simulator.Organisation;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code import} with schedules and environment links: schemaRefreshSchedules and environmentOf as
 * Omni holds them, which {@code plan} then finds in sync; what cannot be written is left out with a
 * comment saying why.
 */
class ImportNeighboursTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();
  String base;
  String dev;

  private Organisation org() {
    return omni.sim.organisation(Organisations.DEFAULT);
  }

  private String seed(String name, boolean attribute) {
    Map<String, Object> body = new HashMap<>(Map.of("database", "analytics"));
    if (attribute) {
      body.put(
          "environmentUserAttribute",
          Map.of("attributeName", "environment", "defaultValues", List.of("prod")));
    }
    return omni.seed("postgres", name, body);
  }

  @BeforeEach
  void seedABaseWithSchedulesAndAnEnvironment() {
    base = seed("Orders DB", true);
    dev = seed("Orders DB (dev)", false);
    org().seedSchedule(base, "0 9 ? * MON-FRI *", "Europe/Berlin");
    org().seedSchedule(base, "30 2 * * ? *", "UTC");
    org().seedSchedule(dev, "* 9 ? * MON *", "UTC");
    org().seedEnvironment(base, dev, List.of("dev", "qa"));
  }

  @Test
  void schedulesAndEnvironmentLinksRoundTripThroughPlan() throws Exception {
    Cli.Result imported = omni.run("import", "-n", "team");

    assertThat(imported.code()).as(imported.all()).isZero();
    List<JsonNode> docs = docs(imported.out());
    JsonNode b = byName(docs, "orders-db");
    assertThat(b.at("/spec/schemaRefreshSchedules")).hasSize(2);
    assertThat(b.at("/spec/schemaRefreshSchedules/0/schedule").asText())
        .isEqualTo("0 9 ? * MON-FRI *");
    assertThat(b.at("/spec/schemaRefreshSchedules/0/timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(b.at("/spec/schemaRefreshSchedules/1/schedule").asText()).isEqualTo("30 2 * * ? *");
    assertThat(b.at("/spec/environmentOf").isMissingNode()).isTrue();
    JsonNode d = byName(docs, "orders-db-dev");
    assertThat(d.at("/spec/environmentOf/name").asText()).isEqualTo("orders-db");
    assertThat(d.at("/spec/environmentOf/userAttributeValues").toString())
        .isEqualTo("[\"dev\",\"qa\"]");
    assertThat(d.at("/spec/schemaRefreshSchedules/0/schedule").asText())
        .as("a cron starting with * is quoted, or YAML would read an alias")
        .isEqualTo("* 9 ? * MON *");
    assertThat(omni.sim.count("schedule-list")).as("one per connection").isEqualTo(2);
    assertThat(omni.sim.count("environment-list")).as("once").isEqualTo(1);

    Path file = omni.write("imported.yaml", imported.out());
    omni.sim.resetCounters();
    Cli.Result plan = omni.run("plan", "-f", file.toString());

    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("0 to create, 0 to adopt, 0 to patch, 0 to replace, 2 unchanged, 0 invalid")
        .contains("Schedules: 0 to change, 2 in sync.")
        .contains("Environment links: 0 to change, 1 in sync.")
        .contains("No changes");
    assertThat(omni.sim.count("schedule-list")).isEqualTo(2);
    assertThat(omni.sim.count("environment-list")).isEqualTo(1);
  }

  @Test
  void anEnvironmentWhoseBaseIsNotImportedSaysWhyItHasNoEnvironmentOf() throws Exception {
    Cli.Result imported = omni.run("import", "--name", "(dev)");

    assertThat(imported.code()).as(imported.all()).isZero();
    List<JsonNode> docs = docs(imported.out());
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).at("/spec/environmentOf").isMissingNode()).isTrue();
    assertThat(imported.out())
        .contains(
            "# An environment connection in Omni; environmentOf left out: its base, connection "
                + base
                + ", is not imported in this run");
    Path file = omni.write("dev.yaml", imported.out());
    assertThat(omni.run("plan", "-f", file.toString()).code()).isZero();
  }

  @Test
  void whatCannotBeWrittenFaithfullyIsLeftOutWithAComment() throws Exception {
    String copy = org().seedSchedule(base, "30 2 * * ? *", "UTC");
    String plain = seed("plain", false);
    String preview = seed("preview", false);
    org().seedEnvironment(plain, preview, List.of("preview"));
    String empty = seed("empty", false);
    org().seedEnvironment(base, empty, List.of());

    Cli.Result imported = omni.run("import");

    assertThat(imported.out())
        .contains("# Omni holds schedule '30 2 * * ? *' UTC twice: listed once, so the operator")
        .contains("deletes the copy (" + copy + ").")
        .contains("environmentOf left out: its base plain has no environment user attribute.")
        .contains(
            "environmentOf left out: the link to orders-db has no user attribute values in Omni.");
    List<JsonNode> docs = docs(imported.out());
    assertThat(byName(docs, "orders-db").at("/spec/schemaRefreshSchedules")).hasSize(2);
    assertThat(byName(docs, "preview").at("/spec/environmentOf").isMissingNode()).isTrue();
    assertThat(byName(docs, "empty").at("/spec/environmentOf").isMissingNode()).isTrue();
  }

  @Test
  void theUnstableApiImportsConnectionsAloneAndSaysSo() throws Exception {
    Cli.Result imported = omni.run("import", "--api-prefix", "unstable");

    assertThat(imported.code()).as(imported.all()).isZero();
    assertThat(imported.err())
        .contains(
            "# schedules and environment links not imported: the unstable API has no"
                + " schema-refresh schedules or environment links");
    assertThat(imported.out()).doesNotContain("schemaRefreshSchedules", "environmentOf");
    assertThat(docs(imported.out())).hasSize(2);
    assertThat(omni.sim.count("schedule-list") + omni.sim.count("environment-list")).isZero();
  }
}
