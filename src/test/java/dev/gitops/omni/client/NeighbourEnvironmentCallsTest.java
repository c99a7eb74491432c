package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the connection-environment calls put on the wire, and each answer shape they read. */
class NeighbourEnvironmentCallsTest {

  private static final String BASE = "c0f12353-4817-4398-bcc0-d501e6dd2f64";
  private static final String DEV = "9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
  private static final String STAGING = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final String PATH = "/api/v1/connection-environments";

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  /** Every shape the sources name: the key, the record's field names, values as array or text. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "environments-connection-environments.json",
        "environments-data.json",
        "environments-records.json",
        "environments-array.json"
      })
  void listReadsEachShape(String fixture) {
    omni.answer(200, fixture);

    Optional<List<EnvironmentLink>> links = client.environments();

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(PATH);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockOmni.TOKEN);
    assertThat(links)
        .contains(
            List.of(
                new EnvironmentLink("env-rec-0001", BASE, DEV, List.of("dev")),
                new EnvironmentLink("env-rec-0002", BASE, STAGING, List.of("staging", "qa"))));
  }

  /** Older instances have no GET: 404, or as Omni answers a wrong method, 400 / 405. */
  @ParameterizedTest
  @CsvSource({
    "404, error-404-not-found.json",
    "404, error-no-detail.json",
    "400, error-400-invalid-method.json",
    "405, error-no-detail.json"
  })
  void noGetOnThisInstanceIsEmpty(int status, String fixture) {
    omni.answer(status, fixture);

    assertThat(client.environments()).isEmpty();
  }

  @Test
  void anyOtherErrorOfTheGetThrows() {
    omni.answer(400, "error-400-unrecognized-key.json");

    OmniApiException e = catchThrowableOfType(OmniApiException.class, client::environments);

    assertThat(e.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
  }

  @Test
  void linkPostsTheIdsAsOneCommaSeparatedStringAndReadsTheNewRecords() {
    omni.answer(201, "environments-created-201.json");

    List<EnvironmentLink> links = client.linkEnvironments(BASE, List.of(DEV, " " + STAGING));

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(PATH);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(ClientFixtures.body(request))
        .isEqualTo(
            ClientFixtures.json(
                "{\"baseConnectionId\": \"%s\", \"environmentConnectionIds\": \"%s,%s\"}"
                    .formatted(BASE, DEV, STAGING)));
    assertThat(links)
        .containsExactly(
            new EnvironmentLink("env-rec-0001", BASE, DEV, List.of()),
            new EnvironmentLink("env-rec-0002", BASE, STAGING, List.of()));
  }

  @Test
  void setValuesPutsThemAsOneCommaSeparatedString() {
    omni.answer(new MockResponse.Builder().code(200).body("{\"success\": true}").build());
    omni.answer(new MockResponse.Builder().code(204).build());

    client.setEnvironmentValues("env-rec-0002", List.of("staging", " qa "));
    client.setEnvironmentValues("env-rec-0001", List.of("dev"));

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getTarget()).isEqualTo(PATH + "/env-rec-0002");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(ClientFixtures.body(request))
        .isEqualTo(ClientFixtures.json("{\"userAttributeValues\": \"staging,qa\"}"));
    assertThat(ClientFixtures.body(omni.take()))
        .isEqualTo(ClientFixtures.json("{\"userAttributeValues\": \"dev\"}"));
  }

  @Test
  void unlinkSendsADeleteOnTheRecordId() {
    omni.answer(new MockResponse.Builder().code(204).build());

    client.unlinkEnvironment("env-rec-0001");

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo(PATH + "/env-rec-0001");
    assertThat(request.getBodySize()).isZero();
  }
}
