package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The readers' precedence rules and fallbacks, one JSON body per row. */
class NeighbourReadersTest {

  private static final RefreshSchedule SENT = new RefreshSchedule(null, "0 9 * * ? *", "UTC");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "{\"scheduleId\": \"a\", \"id\": \"b\", \"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}|a",
        "{\"id\": \"b\", \"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}|b",
        "{\"data\": {\"id\": \"c\", \"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}}|c",
        "{\"schedule\": {\"scheduleId\": \"d\", \"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}}|d",
        "{\"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}|NULL",
        "{\"scheduleId\": \" \", \"schedule\": \"0 1 * * ? *\", \"timezone\": \"UTC\"}|NULL",
        "[]|NULL"
      })
  void oneScheduleNeedsItsIdCronAndZone(String body, String id) {
    RefreshSchedule read = ScheduleReader.one(ClientFixtures.json(body));

    assertThat(read == null ? null : read.id()).isEqualTo(id);
  }

  /** A POST or PUT answer that is not a whole schedule: its id, else the known one, with SENT. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "{\"success\": true, \"data\": \"x\"}|NULL|x",
        "{\"success\": true, \"data\": {\"id\": \"x\"}}|NULL|x",
        "{\"schedule\": {\"scheduleId\": \"x\"}}|NULL|x",
        "{\"success\": true}|k|k",
        "{\"success\": true}|NULL|NULL"
      })
  void anAnswerWithoutAWholeScheduleKeepsWhatWasSent(String body, String known, String id) {
    RefreshSchedule read = ScheduleReader.answer(ClientFixtures.json(body), known, SENT);

    assertThat(read)
        .isEqualTo(id == null ? null : new RefreshSchedule(id, SENT.schedule(), SENT.timezone()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "{\"id\": \"r\", \"baseConnectionId\": \"b\", \"environmentConnectionId\": \"e\","
            + " \"connectionId\": \"other\", \"userAttributeValues\": [\"dev\", \" qa \"]}|b|e|dev,qa",
        "{\"id\": \"r\", \"connectionId\": \"e\", \"userAttributeValues\": \" dev , , qa \"}|fallback|e|dev,qa",
        "{\"id\": \"r\", \"environmentConnectionId\": \"e\", \"userAttributeValues\": null}|fallback|e|''",
        "{\"id\": \"r\", \"environmentConnectionId\": \"e\"}|fallback|e|''"
      })
  void anEnvironmentRecordReadsEitherFieldName(
      String body, String base, String environment, String values) {
    EnvironmentLink link = EnvironmentLinkReader.read(ClientFixtures.json(body), "fallback");

    List<String> expected = values.isEmpty() ? List.of() : List.of(values.split(","));
    assertThat(link).isEqualTo(new EnvironmentLink("r", base, environment, expected));
  }
}
