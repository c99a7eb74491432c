package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the schedule calls put on the wire, and each answer shape they read. */
class NeighbourScheduleCallsTest {

  static final String CONNECTION = "c0f12353-4817-4398-bcc0-d501e6dd2f64";
  static final String SCHEDULE = "5b0d8a7e-1f43-4c55-9d7e-0a1b2c3d4e5f";
  private static final String PATH = "/api/v1/connections/" + CONNECTION + "/schedules";
  private static final RefreshSchedule NINE =
      new RefreshSchedule(null, "00 09 * * ? *", "America/New_York");

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  @ParameterizedTest
  @ValueSource(strings = {"schedules-list.json", "schedules-array.json"})
  void listReadsEachShape(String fixture) {
    omni.answer(200, fixture);

    List<RefreshSchedule> schedules = client.schedules(CONNECTION);

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(PATH);
    assertThat(request.getBodySize()).isZero();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockOmni.TOKEN);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("omni-operator/dev");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(schedules)
        .containsExactly(
            new RefreshSchedule(SCHEDULE, "00 09 * * ? *", "America/New_York"),
            new RefreshSchedule(
                "7e3c1d2b-9a8f-4e6d-b5c4-a3b2c1d0e9f8", "30 2 ? * MON-FRI *", "Europe/Berlin"));
  }

  @Test
  void anEmptyListIsNoSchedules() {
    omni.answer(200, "schedules-empty.json");

    assertThat(client.schedules(CONNECTION)).isEmpty();
  }

  /** The object, wrapped in {@code schedule}, or only the new id (then what was sent holds). */
  @ParameterizedTest
  @ValueSource(
      strings = {"schedule-created.json", "schedule-wrapped.json", "schedule-id-only.json"})
  void createPostsTheDocumentedBodyAndReadsEachAnswer(String fixture) {
    omni.answer(201, fixture);

    RefreshSchedule created =
        client.createSchedule(
            " " + CONNECTION + " ",
            new RefreshSchedule(null, " 00 09 * * ? * ", "America/New_York"));

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(PATH);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(ClientFixtures.body(request))
        .isEqualTo(
            ClientFixtures.json(
                "{\"schedule\": \"00 09 * * ? *\", \"timezone\": \"America/New_York\"}"));
    assertThat(created)
        .isEqualTo(new RefreshSchedule(SCHEDULE, "00 09 * * ? *", "America/New_York"));
  }

  /** PUT's answer is undocumented: a whole schedule is read; otherwise what was sent holds. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"scheduleId\": \"s-1\", \"schedule\": \"0 3 * * ? *\", \"timezone\": \"UTC\"}|0 3 * * ? *",
        "{\"schedule\": {\"id\": \"s-1\", \"schedule\": \"0 3 * * ? *\", \"timezone\": \"UTC\"}}|0 3 * * ? *",
        "{\"success\": true, \"message\": \"Schedule updated\"}|00 09 * * ? *",
        "''|00 09 * * ? *"
      })
  void updatePutsTheSameBodyAndReadsWhatComesBack(String answer, String cron) {
    omni.answer(new MockResponse.Builder().code(200).body(answer).build());

    RefreshSchedule updated = client.updateSchedule(CONNECTION, "s-1", NINE);

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getTarget()).isEqualTo(PATH + "/s-1");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(ClientFixtures.body(request))
        .isEqualTo(
            ClientFixtures.json(
                "{\"schedule\": \"00 09 * * ? *\", \"timezone\": \"America/New_York\"}"));
    assertThat(updated.id()).isEqualTo("s-1");
    assertThat(updated.schedule()).isEqualTo(cron);
  }

  @Test
  void deleteSendsADeleteAndAcceptsAny2xx() {
    omni.answer(new MockResponse.Builder().code(204).build());
    omni.answer(new MockResponse.Builder().code(200).body("{\"success\": true}").build());

    client.deleteSchedule(CONNECTION, SCHEDULE);
    client.deleteSchedule(CONNECTION, SCHEDULE);

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo(PATH + "/" + SCHEDULE);
    assertThat(request.getBodySize()).isZero();
    assertThat(omni.take().getMethod()).isEqualTo("DELETE");
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() {
    OmniClientConfig config = omni.config("v1");
    OkHttpOmniClient proxied =
        new OkHttpOmniClient(
            new OmniClientConfig(
                omni.server.url("/omni/").toString(), "v1", config.token(), null, null, null));
    omni.answer(200, "schedules-empty.json");

    new OkHttpNeighbourClient(proxied).schedules(CONNECTION);

    assertThat(omni.take().getTarget()).isEqualTo("/omni" + PATH);
    proxied.close();
  }

  @Test
  void aRotatedKeyIsSentByTheNeighbourCallsToo() {
    OkHttpOmniClient connections = omni.client("v1");
    OkHttpNeighbourClient neighbours = new OkHttpNeighbourClient(connections);
    omni.answer(200, "schedules-empty.json");

    connections.useToken(dev.gitops.omni.connection.SecretValue.of("rotated-key-0002"));
    neighbours.schedules(CONNECTION);

    assertThat(omni.take().getHeaders().get("Authorization")).isEqualTo("Bearer rotated-key-0002");
  }
}
