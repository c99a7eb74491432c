package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.find;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan}: the operator's planner over files, against one list of Omni's connections: exit
 * codes and what each resource's line and JSON say.
 */
class PlanCommandTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();

  @Test
  void nothingToChangeExitsZeroInTextAndJson() throws Exception {
    String id =
        omni.seed("postgres", "sales", Map.of("database", "analytics", "baseRole", "VIEWER"));
    omni.seed("postgres", "pinned", Map.of("database", "analytics", "baseRole", "VIEWER"));
    String pinnedId = omni.sim.connections().get(1).id();
    Path f = omni.write("ok.yaml", pg("sales", "") + pg("pinned", "connectionId: " + pinnedId));

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isZero();
    assertThat(line(text.out(), "team/sales"))
        .startsWith("adopt")
        .contains(id, "same name and dialect");
    assertThat(line(text.out(), "team/pinned"))
        .startsWith("nothing")
        .contains(pinnedId, "matches the spec");
    assertThat(text.out())
        .contains("credentials not compared: Secret team/pg is not in the files")
        .contains("Plan: 0 to create, 1 to adopt, 0 to patch, 0 to replace, 1 unchanged, 0 invalid")
        .contains("No changes");
    assertThat(omni.sim.count("list")).as("Omni is listed once").isEqualTo(1);

    Cli.Result json = omni.run("plan", "-f", f.toString(), "-o", "json");
    assertThat(json.code()).isZero();
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("summary").path("changes").asInt()).isZero();
    assertThat(doc.path("resources")).hasSize(2);
    assertThat(doc.at("/resources/0/action").asText()).isEqualTo("nothing");
    assertThat(doc.at("/resources/1/action").asText()).isEqualTo("adopt");
    assertThat(doc.at("/resources/1/credentialsCompared").asBoolean()).isFalse();
  }

  @Test
  void pendingChangesExitTwoAndNameTheFields() throws Exception {
    String id =
        omni.seed("postgres", "orders", Map.of("database", "analytics", "baseRole", "VIEWER"));
    String moved = omni.seed("postgres", "moved", Map.of("database", "old_db"));
    Path f =
        omni.write(
            "changes.yaml",
            pg("fresh", "")
                + pg("orders", "connectionId: " + id + "\n")
                    .replace("baseRole: VIEWER", "baseRole: QUERIER")
                + pg("moved", "connectionId: " + moved + "\nreplacementPolicy: Recreate"));

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/fresh"))
        .startsWith("create")
        .contains("create connection 'fresh' (postgres)");
    assertThat(line(text.out(), "team/orders"))
        .startsWith("patch")
        .contains("baseRole: VIEWER -> QUERIER");
    assertThat(line(text.out(), "team/moved")).startsWith("replace").contains("database");
    assertThat(text.out())
        .contains("1 to create, 0 to adopt, 1 to patch, 1 to replace")
        .contains("Changes pending");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(doc.path("exitCode").asInt()).isEqualTo(2);
    JsonNode orders = find(doc, "team/orders");
    assertThat(orders.path("action").asText()).isEqualTo("patch");
    assertThat(orders.path("fields").toString()).isEqualTo("[\"baseRole\"]");
    assertThat(find(doc, "team/moved").path("fields").toString()).isEqualTo("[\"database\"]");
    assertThat(find(doc, "team/fresh").at("/settings/database").asText()).isEqualTo("analytics");
    assertThat(omni.sim.count("create") + omni.sim.count("patch")).as("plan never writes").isZero();
  }

  @Test
  void anInvalidSpecIsAnErrorListedWithItsReason() throws Exception {
    Path f =
        omni.write(
            "invalid.yaml",
            pg("fine", "")
                + """
                ---
                apiVersion: omni.gitops.dev/v1alpha1
                kind: OmniConnection
                metadata: {name: snow, namespace: team}
                spec:
                  dialect: snowflake
                  host: myorg.snowflakecomputing.com
                  passwordSecretRef: {name: sf, key: password}
                """);

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isEqualTo(1);
    assertThat(line(text.out(), "team/snow"))
        .startsWith("invalid")
        .contains("warehouse")
        .contains("account identifier");
    assertThat(line(text.out(), "team/fine")).startsWith("create");
    assertThat(text.out()).contains("1 invalid").contains("Errors");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    JsonNode snow = find(doc, "team/snow");
    assertThat(snow.path("action").asText()).isEqualTo("invalid");
    assertThat(snow.path("reason").asText()).isEqualTo("InvalidSpec");
    assertThat(snow.path("fields").toString()).contains("spec.warehouse", "spec.host");
  }

  @Test
  void twoResourcesForOneConnectionAreBlockedAndAnUnchangeableEditIsBlocked() {
    String shared = omni.seed("postgres", "shared", Map.of("database", "analytics"));
    String legacy = omni.seed("postgres", "legacy", Map.of("database", "analytics"));
    Path f =
        omni.write(
            "clash.yaml",
            pg("shared", "")
                + pg("shared-too", "name: shared")
                + pg("legacy", "connectionId: " + legacy)
                    .replace("database: analytics", "database: other"));

    Cli.Result r = omni.run("plan", "-f", f.toString());

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(line(r.out(), "team/shared")).startsWith("adopt").contains(shared);
    assertThat(line(r.out(), "team/shared-too"))
        .startsWith("blocked")
        .contains("already managed by OmniConnection team/shared");
    assertThat(line(r.out(), "team/legacy"))
        .startsWith("blocked")
        .contains("Omni cannot change database in place")
        .contains("replacementPolicy: Recreate");
  }

  @Test
  void deletionPolicyDeleteOnTheUnstableApiIsWarnedAbout() {
    Path f = omni.write("del.yaml", pg("sales", "deletionPolicy: Delete") + pg("kept", ""));

    Cli.Result r = omni.run("plan", "-f", f.toString(), "--api-prefix", "unstable");

    assertThat(line(r.out(), "team/sales"))
        .contains("deletionPolicy Delete cannot archive through the unstable API");
    assertThat(line(r.out(), "team/kept")).doesNotContain("cannot archive");
    assertThat(line(omni.run("plan", "-f", f.toString()).out(), "team/sales"))
        .doesNotContain("cannot archive");
  }
}
