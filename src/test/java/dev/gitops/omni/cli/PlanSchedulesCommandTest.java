package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.find;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.simulator.Organisation;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} on spec.schemaRefreshSchedules: in sync, to create, update and delete, in text and
 * JSON, one schedules GET per existing connection that sets the field and none otherwise.
 */
class PlanSchedulesCommandTest {
  @RegisterExtension
  final OmniFixture omni = new OmniFixture(b -> b.scheduleNotReadyFor(Duration.ofMinutes(5)));

  static final String WEEKDAYS = "'0 9 ? * MON-FRI *'";
  static final String SCHEDULE =
      "schemaRefreshSchedules:\n  - {schedule: " + WEEKDAYS + ", timezone: Europe/Berlin}";

  private Organisation org() {
    return omni.sim.organisation(Organisations.DEFAULT);
  }

  private String seed(String name) {
    return omni.seed("postgres", name, Map.of("database", "analytics", "baseRole", "VIEWER"));
  }

  @Test
  void schedulesInSyncAreSaidSoAndOnlyConnectionsWithTheFieldAreRead() throws Exception {
    String id = seed("sales");
    String kept = org().seedSchedule(id, "0 9 ? * MON-FRI *", "Europe/Berlin");
    String other = seed("other");
    org().seedSchedule(other, "0 6 ? * * *", "UTC");
    Path f =
        omni.write(
            "sync.yaml",
            pg("sales", "connectionId: " + id + "\n" + SCHEDULE)
                + pg("other", "connectionId: " + other));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isZero();
    assertThat(text.out()).contains("SCHEDULES").doesNotContain("ENVIRONMENT LINK");
    assertThat(line(text.out(), "team/sales")).startsWith("nothing").contains("in sync");
    assertThat(line(text.out(), "team/other")).doesNotContain("in sync");
    assertThat(text.out()).contains("Schedules: 0 to change, 1 in sync.").contains("No changes");
    assertThat(omni.sim.count("schedule-list")).as("one GET, for sales only").isEqualTo(1);

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    JsonNode sales = find(doc, "team/sales").path("schedules");
    assertThat(sales.path("status").asText()).isEqualTo("inSync");
    assertThat(sales.path("summary").asText()).isEqualTo("in sync");
    assertThat(sales.at("/kept/0/id").asText()).isEqualTo(kept);
    assertThat(sales.path("creates")).isEmpty();
    assertThat(find(doc, "team/other").has("schedules")).isFalse();
    assertThat(doc.at("/summary/schedulesToChange").asInt()).isZero();
  }

  @Test
  void aNewConnectionCreatesEverySchedulewithoutAskingOmni() throws Exception {
    String bare = seed("bare");
    Path f =
        omni.write(
            "create.yaml",
            pg("fresh", SCHEDULE + "\n  - {schedule: '0 3 * * ? *', timezone: UTC}")
                + pg("bare", "connectionId: " + bare + "\n" + SCHEDULE));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/fresh"))
        .startsWith("create")
        .contains("create 2")
        .contains("schedules: create '0 9 ? * MON-FRI *' Europe/Berlin, create '0 3 * * ? *' UTC");
    assertThat(line(text.out(), "team/bare")).startsWith("nothing").contains("create 1");
    assertThat(text.out()).contains("Schedules: 2 to change.").contains("Changes pending");
    assertThat(omni.sim.count("schedule-list")).as("the new connection is not asked").isEqualTo(1);

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    JsonNode fresh = find(doc, "team/fresh").path("schedules");
    assertThat(fresh.path("status").asText()).isEqualTo("change");
    assertThat(fresh.path("creates")).hasSize(2);
    assertThat(fresh.at("/creates/1/schedule").asText()).isEqualTo("0 3 * * ? *");
    assertThat(fresh.at("/creates/1/timezone").asText()).isEqualTo("UTC");
    assertThat(fresh.at("/creates/1").has("id")).isFalse();
    assertThat(find(doc, "team/bare").path("change").asBoolean()).isTrue();
    assertThat(doc.at("/summary/schedulesToChange").asInt()).isEqualTo(2);
    assertThat(omni.sim.count("schedule-create")).as("plan never writes").isZero();
  }

  @Test
  void anotherCronIsAnUpdateInPlaceShowingOldAndNew() throws Exception {
    String id = seed("sales");
    String sid = org().seedSchedule(id, "0 6 ? * * *", "UTC");
    Path f = omni.write("update.yaml", pg("sales", "connectionId: " + id + "\n" + SCHEDULE));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/sales"))
        .contains("update 1")
        .contains(
            "schedules: update " + sid + " '0 6 ? * * *' UTC -> '0 9 ? * MON-FRI *' Europe/Berlin");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    JsonNode update = find(doc, "team/sales").at("/schedules/updates/0");
    assertThat(update.path("id").asText()).isEqualTo(sid);
    assertThat(update.path("schedule").asText()).isEqualTo("0 9 ? * MON-FRI *");
    assertThat(update.path("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(update.at("/was/schedule").asText()).isEqualTo("0 6 ? * * *");
    assertThat(update.at("/was/timezone").asText()).isEqualTo("UTC");
  }

  @Test
  void anEmptyListDeletesEveryScheduleUnlessNothingIsWritten() throws Exception {
    String id = seed("sales");
    String s1 = org().seedSchedule(id, "0 6 ? * * *", "UTC");
    String s2 = org().seedSchedule(id, "30 18 ? * FRI *", "Europe/Paris");
    String watched = seed("watched");
    org().seedSchedule(watched, "0 6 ? * * *", "UTC");
    Path f =
        omni.write(
            "delete.yaml",
            pg("sales", "connectionId: " + id + "\nschemaRefreshSchedules: []")
                + pg(
                    "watched",
                    "connectionId: "
                        + watched
                        + "\nmanagementPolicy: ObserveOnly\nschemaRefreshSchedules: []"));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/sales"))
        .contains("delete 2")
        .contains("schedules: delete " + s1 + " '0 6 ? * * *' UTC, delete " + s2);
    assertThat(line(text.out(), "team/watched"))
        .contains("delete 1")
        .contains("ObserveOnly: nothing is written");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    JsonNode deletes = find(doc, "team/sales").at("/schedules/deletes");
    assertThat(deletes).hasSize(2);
    assertThat(deletes.get(0).path("id").asText()).isEqualTo(s1);
    assertThat(deletes.get(1).path("timezone").asText()).isEqualTo("Europe/Paris");
    assertThat(find(doc, "team/watched").path("change").asBoolean()).isFalse();
    assertThat(omni.sim.count("schedule-delete")).isZero();
    assertThat(org().schedules(id)).hasSize(2);
  }

  @Test
  void theUnstableApiHasNoSchedulesAndSaysSo() {
    String id = seed("sales");
    Path f = omni.write("unstable.yaml", pg("sales", "connectionId: " + id + "\n" + SCHEDULE));

    Cli.Result text = omni.run("plan", "-f", f.toString(), "--api-prefix", "unstable");

    assertThat(text.code()).as(text.all()).isZero();
    assertThat(line(text.out(), "team/sales"))
        .contains("not on unstable API")
        .contains("the unstable API has no schema-refresh schedules or environment links");
    assertThat(omni.sim.count("schedule-list")).isZero();
  }

  @Test
  void schedulesOmniWillNotListAreAnErrorNamingTheLikelyCause() throws Exception {
    String id = createThroughTheApi("young");
    Path f = omni.write("young.yaml", pg("young", "connectionId: " + id + "\n" + SCHEDULE));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isEqualTo(1);
    assertThat(line(text.out(), "team/young"))
        .startsWith("nothing")
        .contains("not read")
        .contains("schedules could not be read: Omni HTTP 404")
        .contains("schema model may not exist yet");
    assertThat(text.out())
        .contains("Schedules: 0 to change, 1 not read.")
        .contains("Errors: Omni did not say what it holds around some connections");
    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(find(doc, "team/young").at("/schedules/status").asText()).isEqualTo("unreadable");
    assertThat(doc.at("/summary/errors").asInt()).isEqualTo(1);
  }

  /** A connection made by a POST: its schedule calls answer 404 for the fixture's 5 minutes. */
  private String createThroughTheApi(String name) throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(omni.sim.baseUrl() + "/api/v1/connections"))
            .header("Authorization", "Bearer " + SimulatorOptions.DEFAULT_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"dialect\":\"postgres\",\"name\":\""
                        + name
                        + "\",\"database\":\"analytics\",\"baseRole\":\"VIEWER\","
                        + "\"passwordUnencrypted\":\"p\"}"))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("data").asText();
  }
}
