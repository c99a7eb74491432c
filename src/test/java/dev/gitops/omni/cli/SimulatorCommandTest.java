package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone simulator's organisation flags. */
class SimulatorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String POSTGRES =
      "{\"dialect\":\"postgres\",\"name\":\"orders\",\"host\":\"db\",\"port\":5432,"
          + "\"database\":\"d\",\"username\":\"u\",\"passwordUnencrypted\":\"p\"}";

  private static HttpResponse<String> call(String url, String token, String method, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/connections"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.header("Content-Type", "application/json").build(), ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static JsonNode list(String url, String token) throws Exception {
    HttpResponse<String> r = call(url, token, "GET", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("connections");
  }

  @Test
  void organisationsEachSeeOnlyTheirOwnConnections() throws Exception {
    try (Cli.Background sim =
        new Cli.Background(
            "simulator",
            "--port",
            "0",
            "--organisation",
            "team-a=a1,a2",
            "--organisation",
            "team-b=b1",
            "--organisation-read-only",
            "team-b=viewer-b")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> sim.out().contains("Ctrl-C to stop"));
      Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(sim.out());
      assertThat(m.find()).isTrue();
      String url = m.group(1);
      assertThat(sim.out())
          .doesNotContain("API token:")
          .contains("Organisation team-a: token a1, a2\n")
          .contains("Organisation team-b: token b1; read-only viewer-b\n")
          .contains("Try: OMNI_TOKEN=a1 ");

      assertThat(call(url, "a1", "POST", POSTGRES).statusCode()).isEqualTo(201);
      assertThat(list(url, "a2")).hasSize(1);
      assertThat(list(url, "b1")).isEmpty();
      assertThat(list(url, "viewer-b")).isEmpty();
      assertThat(call(url, "sim-token", "GET", null).statusCode())
          .as("no default token once organisations are given")
          .isEqualTo(401);
      assertThat(sim.stop()).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--organisation team-a=k1 --organisation team-b=k1"
            + "| token 'k1' is given to two organisations: team-a and team-b",
        "--tokens k1 --organisation team-a=k1"
            + "| token 'k1' is given to two organisations: default and team-a",
        "--organisation team-a=k1 --organisation-read-only team-b=k1"
            + "| token 'k1' is given to two organisations: team-a and team-b",
        "--organisation team-a"
            + "| --organisation: 'team-a' is not NAME=TOKEN[,TOKEN...], e.g. team-a=key-a1,key-a2",
        "--organisation-read-only team-a="
            + "| --organisation-read-only: 'team-a=' is not NAME=TOKEN[,TOKEN...], e.g."
            + " team-a=key-a1,key-a2",
        "--organisation default=k1"
            + "| --organisation: organisation name 'default' is taken by the organisation of the"
            + " tokens given without one",
        "--organisation team/a=k1"
            + "| --organisation: organisation name 'team/a' must start with a letter or digit and"
            + " have only letters, digits, '.', '_' and '-'"
      })
  void aBadOrganisationIsOneLine(String args, String message) {
    String[] argv = ("simulator --port 0 " + args).split(" ");
    Cli.Result r = Cli.run(argv);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: " + message);
    assertThat(r.out()).doesNotContain("listening");
  }

  @Test
  void helpNamesTheOrganisationFlags() {
    Cli.Result r = Cli.run("simulator", "--help");
    assertThat(r.out()).contains("--organisation=NAME=KEYS", "--organisation-read-only=NAME=KEYS");
  }
}
