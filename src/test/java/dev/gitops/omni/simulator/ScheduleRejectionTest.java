package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schedule bodies Omni refuses, per row: the same 400 {@code {"detail", "status"}} naming the field
 * on POST and PUT, and nothing stored or changed.
 */
class ScheduleRejectionTest {
  @RegisterExtension
  final SimulatorPerTest sims =
      new SimulatorPerTest(
          SimulatorOptions.builder()
              .rateLimitPerMinute(0)
              .scheduleNotReadyFor(Duration.ZERO)
              .build());

  static Stream<Arguments> refused() {
    String cron = "Bad Request: schedule: Invalid cron expression: ";
    return Stream.of(
        Arguments.of("not JSON", "{\"schedule\": ", "Bad Request: Invalid JSON"),
        Arguments.of("an array", "[]", "Bad Request: Invalid JSON"),
        Arguments.of("no schedule", "{\"timezone\": \"UTC\"}", "Bad Request: schedule: Required"),
        Arguments.of(
            "null schedule",
            "{\"schedule\": null, \"timezone\": \"UTC\"}",
            "Bad Request: schedule: Required"),
        Arguments.of(
            "blank schedule",
            "{\"schedule\": \" \", \"timezone\": \"UTC\"}",
            "Bad Request: schedule: Required"),
        Arguments.of(
            "schedule a number",
            "{\"schedule\": 9, \"timezone\": \"UTC\"}",
            "Bad Request: schedule: Expected string, received number"),
        Arguments.of(
            "5-field cron",
            "{\"schedule\": \"0 9 * * *\", \"timezone\": \"UTC\"}",
            cron + "expected 6 fields (minutes hours day-of-month month day-of-week year), got 5"),
        Arguments.of(
            "no '?' day field",
            "{\"schedule\": \"0 9 * * * *\", \"timezone\": \"UTC\"}",
            cron + "exactly one of day-of-month and day-of-week must be '?'"),
        Arguments.of(
            "hour out of range",
            "{\"schedule\": \"0 25 * * ? *\", \"timezone\": \"UTC\"}",
            cron + "hours '25' is not valid (0-23)"),
        Arguments.of(
            "no timezone", "{\"schedule\": \"0 9 * * ? *\"}", "Bad Request: timezone: Required"),
        Arguments.of(
            "unknown zone",
            "{\"schedule\": \"0 9 * * ? *\", \"timezone\": \"Mars/Olympus_Mons\"}",
            "Bad Request: timezone: Invalid time zone 'Mars/Olympus_Mons' (use an IANA name like"
                + " Europe/Paris)"),
        Arguments.of(
            "an offset, not an IANA name",
            "{\"schedule\": \"0 9 * * ? *\", \"timezone\": \"+02:00\"}",
            "Bad Request: timezone: Invalid time zone '+02:00' (use an IANA name like"
                + " Europe/Paris)"),
        Arguments.of(
            "timezone a boolean",
            "{\"schedule\": \"0 9 * * ? *\", \"timezone\": true}",
            "Bad Request: timezone: Expected string, received boolean"),
        Arguments.of(
            "hardRefresh a string",
            "{\"schedule\": \"0 9 * * ? *\", \"timezone\": \"UTC\", \"hardRefresh\": \"yes\"}",
            "Bad Request: hardRefresh: Expected boolean, received string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void postAndPutRefuseTheBody(String why, String body, String detail) {
    OmniSimulator sim = sims.get();
    SimClient c = new SimClient(sim, "v1");
    String id = sim.seed(Bodies.postgres("orders"));
    String sid = sim.organisation("default").seedSchedule(id, "0 6 * * ? *", "UTC");

    for (SimClient.Resp r :
        new SimClient.Resp[] {
          c.send("POST", "/" + id + "/schedules", body),
          c.send("PUT", "/" + id + "/schedules/" + sid, body)
        }) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo(detail);
      assertThat(r.json().get("status").asInt()).isEqualTo(400);
    }
    assertThat(sim.schedules("default", id))
        .singleElement()
        .satisfies(s -> assertThat(s.schedule()).isEqualTo("0 6 * * ? *"));
    assertThat(sim.count("schedule-create", 400)).isOne();
    assertThat(sim.count("schedule-update", 400)).isOne();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void theBodyIsCheckedBeforeTheConnection(String why, String body, String detail) {
    SimClient.Resp r = new SimClient(sims.get(), "v1").send("POST", "/unknown/schedules", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo(detail);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * * *|UTC|Bad Request: schedule: Invalid cron expression: expected 6 fields"
            + " (minutes hours day-of-month month day-of-week year), got 5",
        "0 9 ? * ? *|UTC|Bad Request: schedule: Invalid cron expression: exactly one of"
            + " day-of-month and day-of-week must be '?'",
        "0 9 * * ? *|CET+1|Bad Request: timezone: Invalid time zone 'CET+1' (use an IANA name"
            + " like Europe/Paris)"
      })
  void seedingRefusesWhatThePostRefuses(String cron, String zone, String detail) {
    Organisation org = sims.get().organisation("default");
    String id = org.seed(Bodies.postgres("orders"));
    String sid = org.seedSchedule(id, "0 6 * * ? *", "UTC");

    assertThatThrownBy(() -> org.seedSchedule(id, cron, zone))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(detail);
    assertThatThrownBy(() -> org.changeSchedule(sid, cron, zone)).hasMessage(detail);
    assertThatThrownBy(() -> org.seedSchedule("no-such-connection", "0 6 * * ? *", "UTC"))
        .hasMessage("no connection no-such-connection");
    assertThat(org.schedules(id))
        .extracting(ScheduleSnapshot::schedule)
        .containsExactly("0 6 * * ? *");
  }
}
