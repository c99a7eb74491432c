package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.find;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.simulator.Organisation;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} on spec.environmentOf that the files allow: the link is created, its values updated,
 * moved from another base, or in sync; Omni's links are read once, and only when both connections
 * exist.
 */
class PlanEnvironmentCommandTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();

  static final String ATTRIBUTE =
      "environmentUserAttribute: {attributeName: env, defaultValues: [prod]}";

  String base;
  String dev;
  String qa;

  private Organisation org() {
    return omni.sim.organisation(Organisations.DEFAULT);
  }

  private String seed(String name, boolean attribute) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("database", "analytics", "baseRole", "VIEWER"));
    if (attribute) {
      body.put(
          "environmentUserAttribute",
          Map.of("attributeName", "env", "defaultValues", List.of("prod")));
    }
    return omni.seed("postgres", name, body);
  }

  @BeforeEach
  void seedBaseAndEnvironments() {
    base = seed("base", true);
    dev = seed("dev", false);
    qa = seed("qa", false);
  }

  /** The base, dev and qa as files, each environment with its values. */
  private Path files(String devValues, String qaValues) {
    return omni.write(
        "envs.yaml",
        pg("base", ATTRIBUTE)
            + pg("dev", "environmentOf: {name: base, userAttributeValues: " + devValues + "}")
            + pg("qa", "environmentOf: {name: base, userAttributeValues: " + qaValues + "}"));
  }

  @Test
  void linksInSyncReadOmniOnceAndChangeNothing() throws Exception {
    String devLink = org().seedEnvironment(base, dev, List.of("dev"));
    org().seedEnvironment(base, qa, List.of("staging", "qa"));
    Path f = files("[dev]", "[qa, staging]");

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isZero();
    assertThat(text.out()).contains("ENVIRONMENT LINK").doesNotContain("SCHEDULES");
    assertThat(line(text.out(), "team/dev")).contains("in sync");
    assertThat(line(text.out(), "team/qa")).as("values are a set").contains("in sync");
    assertThat(text.out())
        .contains("Environment links: 0 to change, 2 in sync.")
        .contains("No changes");
    assertThat(omni.sim.count("environment-list")).as("once for the instance").isEqualTo(1);

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    JsonNode link = find(doc, "team/dev").path("environmentLink");
    assertThat(link.path("status").asText()).isEqualTo("inSync");
    assertThat(link.path("base").asText()).isEqualTo("team/base");
    assertThat(link.path("baseConnectionId").asText()).isEqualTo(base);
    assertThat(link.at("/observed/id").asText()).isEqualTo(devLink);
    assertThat(find(doc, "team/base").has("environmentLink")).isFalse();
  }

  @Test
  void aMissingLinkIsCreatedOtherValuesUpdatedAndAnotherBaseRelinked() throws Exception {
    String old = seed("old", true);
    org().seedEnvironment(old, qa, List.of("qa"));
    Path f =
        omni.write(
            "envs.yaml",
            pg("base", ATTRIBUTE)
                + pg("dev", "environmentOf: {name: base, userAttributeValues: [dev]}")
                + pg("qa", "environmentOf: {name: base, userAttributeValues: [qa]}")
                + pg("staging", "environmentOf: {name: base, userAttributeValues: [staging]}"));
    String stagingId = seed("staging", false);
    String link = org().seedEnvironment(base, stagingId, List.of("stage"));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/dev"))
        .contains(" create ")
        .contains("environment link: link to team/base (" + base + ") [dev]");
    assertThat(line(text.out(), "team/qa"))
        .contains("relink")
        .contains("linked in Omni to connection " + old + ": unlink it, then link to team/base");
    assertThat(line(text.out(), "team/staging"))
        .contains("update values")
        .contains("environment link: values [stage] -> [staging]");
    assertThat(text.out()).contains("Environment links: 3 to change.").contains("Changes pending");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(find(doc, "team/dev").at("/environmentLink/status").asText()).isEqualTo("create");
    assertThat(find(doc, "team/qa").at("/environmentLink/status").asText()).isEqualTo("relink");
    assertThat(find(doc, "team/qa").at("/environmentLink/observed/baseConnectionId").asText())
        .isEqualTo(old);
    JsonNode staging = find(doc, "team/staging").path("environmentLink");
    assertThat(staging.path("status").asText()).isEqualTo("updateValues");
    assertThat(staging.at("/observed/id").asText()).isEqualTo(link);
    assertThat(staging.at("/userAttributeValues/0").asText()).isEqualTo("staging");
    assertThat(doc.at("/summary/environmentLinksToChange").asInt()).isEqualTo(3);
    assertThat(omni.sim.count("environment-create") + omni.sim.count("environment-update"))
        .isZero();
  }

  @Test
  void aConnectionStillToBeCreatedIsLinkedAfterwardsWithoutAskingOmni() {
    Path f =
        omni.write(
            "new.yaml",
            pg("base", ATTRIBUTE)
                + pg("preview", "environmentOf: {name: base, userAttributeValues: [preview]}"));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/preview"))
        .startsWith("create")
        .contains("environment link: link to team/base [preview] once this connection is created");
    assertThat(omni.sim.count("environment-list")).isZero();
  }

  @Test
  void aValueAnotherEnvironmentHoldsInOmniIsPointedOut() {
    String other = seed("other", false);
    org().seedEnvironment(base, other, List.of("dev"));
    Path f = files("[dev]", "[qa]");

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(line(text.out(), "team/dev"))
        .contains("Omni refuses it while connection " + other)
        .contains("holds the value dev");
  }

  @Test
  void aValueTwoEnvironmentsOfOneBaseShareGoesToTheFirstByNameAsInTheCluster() throws Exception {
    // qa is written before dev: the first by name wins, not the first in the file
    Path f =
        omni.write(
            "envs.yaml",
            pg("base", ATTRIBUTE)
                + pg("qa", "environmentOf: {name: base, userAttributeValues: [qa, dev]}")
                + pg("dev", "environmentOf: {name: base, userAttributeValues: [dev]}"));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(1);
    assertThat(text.err()).doesNotContain("error:");
    List<String> invalid = text.out().lines().filter(l -> l.startsWith("invalid")).toList();
    assertThat(invalid).as("team/dev sorts first and keeps 'dev'").hasSize(1);
    assertThat(invalid.get(0))
        .contains(" team/qa ")
        .contains(
            f
                + ", document 2: spec.environmentOf.userAttributeValues: 'dev' is already used by"
                + " OmniConnection dev, another environment of the same base");
    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(find(doc, "team/qa").path("reason").asText()).isEqualTo("InvalidSpec");
    assertThat(find(doc, "team/qa").path("fields").toString())
        .isEqualTo("[\"spec.environmentOf.userAttributeValues\"]");
  }

  @Test
  void theUnstableApiHasNoEnvironmentLinksAndSaysSo() {
    Path f = files("[dev]", "[qa]");

    Cli.Result text = omni.run("plan", "-f", f.toString(), "--api-prefix", "unstable");

    assertThat(line(text.out(), "team/dev"))
        .contains("not on unstable API")
        .contains("the unstable API has no schema-refresh schedules or environment links");
    assertThat(omni.sim.count("environment-list")).isZero();
  }
}
