package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.omni.simulator.SimulatorOptions;
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

/** The standalone simulator's flags for the calls around a connection. */
class SimulatorNeighbourFlagsTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String POSTGRES =
      "{\"dialect\":\"postgres\",\"name\":\"orders\",\"host\":\"db\",\"port\":5432,"
          + "\"database\":\"d\",\"username\":\"u\",\"passwordUnencrypted\":\"p\"}";

  private static HttpResponse<String> send(String url, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + "/api/v1" + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + SimulatorOptions.DEFAULT_TOKEN)
            .header("Content-Type", "application/json");
    b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The simulator's URL once it has started. */
  private static String started(Cli.Background sim) {
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.out().contains("Ctrl-C to stop"));
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(sim.out());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** Creates a connection and returns the status of its schedules GET, asked at once. */
  private static int schedulesRightAfterCreate(String url) throws Exception {
    HttpResponse<String> created = send(url, "/connections", POSTGRES);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new ObjectMapper().readTree(created.body()).path("data").asText();
    return send(url, "/connections/" + id + "/schedules", null).statusCode();
  }

  @Test
  void byDefaultSchedulesWaitAndTheEnvironmentListIsServed() throws Exception {
    try (Cli.Background sim = new Cli.Background("simulator", "--port", "0")) {
      String url = started(sim);
      assertThat(sim.out())
          .contains(
              "Schedules (v1): 404 for 2s after a connection's create;"
                  + " GET connection-environments: answered\n");
      assertThat(schedulesRightAfterCreate(url)).isEqualTo(404);
      assertThat(send(url, "/connection-environments", null).statusCode()).isEqualTo(200);
      assertThat(sim.stop()).isZero();
    }
  }

  @Test
  void theWindowCanBeTurnedOffAndTheListTakenAway() throws Exception {
    try (Cli.Background sim =
        new Cli.Background(
            "simulator",
            "--port",
            "0",
            "--schedule-not-ready-for",
            "0s",
            "--environment-list-missing")) {
      String url = started(sim);
      assertThat(sim.out())
          .contains(
              "Schedules (v1): usable as soon as a connection is created;"
                  + " GET connection-environments: 404, like older instances\n");
      assertThat(schedulesRightAfterCreate(url)).isEqualTo(200);
      assertThat(send(url, "/connection-environments", null).statusCode()).isEqualTo(404);
      assertThat(sim.stop()).isZero();
    }
  }

  @Test
  void theFlagsDefaultIsTheSimulatorsOwn() {
    assertThat(SimulatorOptions.parseDuration(SimulatorCommand.DEFAULT_SCHEDULE_NOT_READY_FOR))
        .isEqualTo(SimulatorOptions.builder().build().scheduleNotReadyFor());
    assertThat(Cli.run("simulator", "--help").out())
        .contains(
            "--schedule-not-ready-for=DURATION", "(default 2s)", "--environment-list-missing");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "soon | --schedule-not-ready-for: not a duration (use 250ms, 2s, 1m or PT2S): 'soon'",
        "-1s | --schedule-not-ready-for: must not be negative: '-1s'"
      })
  void aBadWindowIsOneLine(String value, String message) {
    Cli.Result r = Cli.run("simulator", "--port", "0", "--schedule-not-ready-for", value);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: " + message);
    assertThat(r.out()).doesNotContain("listening");
  }
}
