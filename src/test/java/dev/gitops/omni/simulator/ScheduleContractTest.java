package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schedule routes over HTTP: shapes, several per connection, PUT, DELETE and their 404s. */
class ScheduleContractTest {
  @RegisterExtension
  final SimulatorPerTest sims =
      new SimulatorPerTest(
          SimulatorOptions.builder()
              .rateLimitPerMinute(0)
              .scheduleNotReadyFor(Duration.ZERO)
              .readOnlyTokens("viewer")
              .build());

  private OmniSimulator sim;
  private SimClient c;
  private String id;

  @BeforeEach
  void seed() {
    sim = sims.get();
    c = new SimClient(sim, "v1");
    id = sim.seed(Bodies.postgres("orders"));
  }

  private static List<String> ids(SimClient.Resp list) {
    assertThat(list.status()).isEqualTo(200);
    return StreamSupport.stream(list.json().get("schedules").spliterator(), false)
        .map(s -> s.get("scheduleId").asText())
        .toList();
  }

  @Test
  void aCreatedScheduleHasTheDocumentedShape() {
    SimClient.Resp r = c.createSchedule(id, Bodies.schedule("00 09 * * ? *", "America/New_York"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode s = r.json();
    assertThat(s.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "scheduleId",
            "connectionId",
            "schedule",
            "timezone",
            "description",
            "createdAt",
            "updatedAt",
            "disabledAt");
    assertThat(s.get("connectionId").asText()).isEqualTo(id);
    assertThat(s.get("schedule").asText()).as("kept as sent").isEqualTo("00 09 * * ? *");
    assertThat(s.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(s.get("description").asText()).isEqualTo("At 09:00, every day");
    assertThat(Instant.parse(s.get("createdAt").asText())).isNotNull();
    assertThat(s.get("disabledAt").isNull()).isTrue();
    assertThat(c.schedule(id, s.get("scheduleId").asText()).json()).isEqualTo(s);
    assertThat(sim.schedules("default", id))
        .singleElement()
        .satisfies(
            snap -> {
              assertThat(snap.scheduleId()).isEqualTo(s.get("scheduleId").asText());
              assertThat(snap.hardRefresh()).isFalse();
            });
  }

  @Test
  void severalSchedulesPerConnectionAreListedInCreationOrder() {
    String a =
        c.createSchedule(id, Bodies.schedule("0 6 * * ? *", "UTC"))
            .json()
            .path("scheduleId")
            .asText();
    String b =
        c.createSchedule(id, Bodies.schedule("0 18 * * ? *", "UTC"))
            .json()
            .path("scheduleId")
            .asText();
    String other = sim.seed(Bodies.postgres("billing"));
    c.createSchedule(other, Bodies.schedule("0 6 * * ? *", "UTC"));

    assertThat(ids(c.schedules(id))).containsExactly(a, b);
    assertThat(ids(c.schedules(other))).hasSize(1);
    assertThat(ids(c.schedules(sim.seed(Bodies.postgres("none"))))).isEmpty();
  }

  @Test
  void putReplacesTheScheduleAndDeleteRemovesIt() {
    Map<String, Object> hard = Bodies.schedule("0 6 * * ? *", "UTC");
    hard.put("hardRefresh", true);
    String sid = c.createSchedule(id, hard).json().get("scheduleId").asText();
    assertThat(sim.schedules("default", id).get(0).hardRefresh()).isTrue();

    java.time.Instant beforePut = java.time.Instant.now();
    SimClient.Resp put =
        c.updateSchedule(id, sid, Bodies.schedule("30 7 ? * MON-FRI *", "Europe/Paris"));

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("scheduleId").asText()).isEqualTo(sid);
    assertThat(put.json().get("schedule").asText()).isEqualTo("30 7 ? * MON-FRI *");
    assertThat(put.json().get("description").asText()).isEqualTo("At 07:30, on MON-FRI");
    ScheduleSnapshot snap = sim.schedules("default", id).get(0);
    assertThat(snap.timezone()).isEqualTo("Europe/Paris");
    assertThat(snap.hardRefresh()).as("a PUT replaces the whole body").isFalse();
    assertThat(snap.updatedAt()).as("set by the PUT").isAfterOrEqualTo(beforePut);
    assertThat(snap.createdAt()).as("kept by the PUT").isBefore(beforePut);

    SimClient.Resp del = c.deleteSchedule(id, sid);
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.raw()).isEqualTo("{\"success\":true}");
    assertThat(ids(c.schedules(id))).isEmpty();
    SimClient.Resp again = c.deleteSchedule(id, sid);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.detail()).isEqualTo("Schedule with id " + sid + " does not exist");
  }

  @Test
  void unknownOrArchivedConnectionsAnswer404() {
    String archived = sim.seed(Bodies.postgres("old"));
    String kept = sim.organisation("default").seedSchedule(archived, "0 6 * * ? *", "UTC");
    sim.archive(archived);
    Map<String, Object> body = Bodies.schedule("0 6 * * ? *", "UTC");

    for (String missing : List.of("6b1c1d1e-0000-4000-8000-000000000000", archived)) {
      for (SimClient.Resp r :
          List.of(
              c.schedules(missing),
              c.createSchedule(missing, body),
              c.schedule(missing, kept),
              c.updateSchedule(missing, kept, body),
              c.deleteSchedule(missing, kept))) {
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw())
            .isEqualTo(
                "{\"detail\":\"Connection with id "
                    + missing
                    + " does not exist\",\"status\":404}");
      }
    }
    assertThat(sim.schedules("default", archived))
        .as("kept while archived, as Omni can restore the connection")
        .hasSize(1);
  }

  @Test
  void aScheduleIsOnlyReachableThroughItsOwnConnection() {
    String sid = sim.organisation("default").seedSchedule(id, "0 6 * * ? *", "UTC");
    String other = sim.seed(Bodies.postgres("billing"));

    for (SimClient.Resp r :
        List.of(
            c.schedule(other, sid),
            c.updateSchedule(other, sid, Bodies.schedule("0 7 * * ? *", "UTC")),
            c.deleteSchedule(other, sid),
            c.schedule(id, "no-such-schedule"))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).startsWith("Schedule with id ").endsWith(" does not exist");
    }
    assertThat(sim.schedules("default", id).get(0).schedule()).isEqualTo("0 6 * * ? *");
  }

  @Test
  void schedulesAreV1OnlyAndOtherMethodsAreInvalid() {
    String sid = sim.organisation("default").seedSchedule(id, "0 6 * * ? *", "UTC");
    SimClient beta = new SimClient(sim, "unstable");

    assertThat(beta.schedules(id).status()).isEqualTo(404);
    assertThat(beta.createSchedule(id, Bodies.schedule("0 6 * * ? *", "UTC")).status())
        .isEqualTo(404);
    for (SimClient.Resp r :
        List.of(
            c.send("PATCH", "/" + id + "/schedules/" + sid, Map.of("timezone", "UTC")),
            c.send("DELETE", "/" + id + "/schedules", null),
            c.send(
                "POST", "/" + id + "/schedules/" + sid, Bodies.schedule("0 6 * * ? *", "UTC")))) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo("Invalid method");
    }
    assertThat(sim.count("invalid_method", 400)).isEqualTo(3);
    assertThat(sim.count("unknown", 404)).isEqualTo(2);
  }

  @Test
  void aReadOnlyKeyListsButCannotChangeSchedules() {
    String sid = sim.organisation("default").seedSchedule(id, "0 6 * * ? *", "UTC");
    SimClient viewer = new SimClient(sim, "v1", "viewer");

    assertThat(ids(viewer.schedules(id))).containsExactly(sid);
    assertThat(viewer.schedule(id, sid).status()).isEqualTo(200);
    for (SimClient.Resp r :
        List.of(
            viewer.createSchedule(id, Bodies.schedule("0 7 * * ? *", "UTC")),
            viewer.updateSchedule(id, sid, Bodies.schedule("0 7 * * ? *", "UTC")),
            viewer.deleteSchedule(id, sid))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.detail()).isEqualTo("Permission denied");
    }
    assertThat(sim.schedules("default", id))
        .extracting(ScheduleSnapshot::schedule)
        .containsExactly("0 6 * * ? *");
  }

  @Test
  void seededAndChangedSchedulesAreWhatTheApiAnswers() {
    Organisation org = sim.organisation("default");
    String sid = org.seedSchedule(id, "0 6 * * ? *", "UTC");
    assertThat(org.changeSchedule(sid, "0 8 * * ? *", "Asia/Tokyo")).isTrue();

    JsonNode s = c.schedule(id, sid).json();
    assertThat(s.get("schedule").asText()).isEqualTo("0 8 * * ? *");
    assertThat(s.get("timezone").asText()).isEqualTo("Asia/Tokyo");

    assertThat(org.removeSchedule(sid)).isTrue();
    assertThat(org.removeSchedule(sid)).isFalse();
    assertThat(org.changeSchedule(sid, "0 8 * * ? *", "UTC")).isFalse();
    assertThat(ids(c.schedules(id))).isEmpty();
    assertThat(sim.count("schedule-create")).as("seeding is not a request").isZero();
  }
}
