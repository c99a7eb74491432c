package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The runtime faults: 5xx, dropped creates, latency, and their reproducibility by seed. */
class FaultInjectionTest {

  private static SimulatorOptionsBuilder unlimited() {
    return SimulatorOptions.builder().rateLimitPerMinute(0);
  }

  @Test
  void error5xxRateOneAnswers500Or503AndNeverTouchesTheStore() {
    try (OmniSimulator sim = OmniSimulator.start(unlimited().error5xxRate(1.0).build())) {
      SimClient c = new SimClient(sim, "v1");
      for (int i = 0; i < 10; i++) {
        SimClient.Resp r = c.create(Bodies.postgres("p" + i));
        assertThat(r.status()).isIn(500, 503);
        assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
        assertThat(r.detail()).isIn("Internal Server Error", "Service Unavailable");
      }
      assertThat(sim.connections()).isEmpty();

      sim.setError5xxRate(0);
      assertThat(c.create(Bodies.postgres("ok")).status()).isEqualTo(201);
    }
  }

  @Test
  void droppedCreateIsStoredButTheClientGetsAnIoError() {
    try (OmniSimulator sim = OmniSimulator.start(unlimited().dropCreateRate(1.0).build())) {
      SimClient c = new SimClient(sim, "v1");

      assertThatThrownBy(() -> c.sendOrThrow("POST", "", Bodies.postgres("lost reply")))
          .isInstanceOf(IOException.class);

      assertThat(sim.connections()).hasSize(1);
      SimClient.Resp list = c.list("name=lost%20reply");
      assertThat(list.json().get("connections")).hasSize(1);
      String id = list.json().at("/connections/0/id").asText();
      assertThat(sim.count("create", JournalEntry.DROPPED)).isEqualTo(1);
      JournalEntry entry = sim.journal().get(0);
      assertThat(entry.dropped()).isTrue();
      assertThat(entry.connectionId()).isEqualTo(id);

      // list and patch are unaffected by the create-drop fault
      assertThat(c.patch(id, Map.of("baseRole", "VIEWER")).status()).isEqualTo(200);
      sim.setDropCreateRate(0);
      assertThat(c.create(Bodies.postgres("fine")).status()).isEqualTo(201);
    }
  }

  @Test
  void droppedCreateIsAnIoErrorForOkHttpToo() {
    OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    try (OmniSimulator sim = OmniSimulator.start(unlimited().dropCreateRate(1.0).build())) {
      Request post =
          new Request.Builder()
              .url(sim.connectionsUrl("v1"))
              .header("Authorization", "Bearer sim-token")
              .post(
                  RequestBody.create(
                      "{\"dialect\":\"postgres\",\"name\":\"ok\",\"passwordUnencrypted\":\"x\"}",
                      MediaType.get("application/json")))
              .build();

      assertThatThrownBy(() -> http.newCall(post).execute().close())
          .isInstanceOf(IOException.class);
      assertThat(sim.connections()).hasSize(1);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * Why the drop fault matters: OkHttp's default {@code retryOnConnectionFailure(true)} silently
   * resends a POST whose pooled connection closed without an answer, so one call can create several
   * connections. An Omni client must turn that retry off (creates are not idempotent).
   */
  @Test
  void defaultOkHttpResendsADroppedPostAndDuplicatesTheConnection() throws IOException {
    OkHttpClient http = new OkHttpClient();
    try (OmniSimulator sim = OmniSimulator.start(unlimited().build())) {
      Request list =
          new Request.Builder()
              .url(sim.connectionsUrl("v1"))
              .header("Authorization", "Bearer sim-token")
              .build();
      http.newCall(list).execute().close(); // leaves a pooled keep-alive connection
      sim.setDropCreateRate(1.0);
      Request post =
          list.newBuilder()
              .post(
                  RequestBody.create(
                      "{\"dialect\":\"postgres\",\"name\":\"dup\",\"passwordUnencrypted\":\"x\"}",
                      MediaType.get("application/json")))
              .build();

      assertThatThrownBy(() -> http.newCall(post).execute().close())
          .isInstanceOf(IOException.class);
      assertThat(sim.connections()).hasSizeGreaterThan(1);
      assertThat(sim.count("create", JournalEntry.DROPPED)).isEqualTo(sim.connections().size());
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void invalidCreatesAreAnsweredEvenWhenDropping() {
    try (OmniSimulator sim = OmniSimulator.start(unlimited().dropCreateRate(1.0).build())) {
      SimClient.Resp r = new SimClient(sim, "v1").create(Map.of("name", "x"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(sim.connections()).isEmpty();
    }
  }

  @Test
  void fixedLatencyDelaysEveryAnswer() {
    try (OmniSimulator sim =
        OmniSimulator.start(unlimited().latency(Duration.ofMillis(400)).build())) {
      SimClient c = new SimClient(sim, "v1");
      assertThat(timeMillis(() -> c.list(null))).isGreaterThanOrEqualTo(400);

      sim.setLatency(Duration.ZERO);
      assertThat(timeMillis(() -> c.list(null))).isLessThan(400);
    }
  }

  @Test
  void spikesAndJitterAddToTheFixedPart() {
    try (OmniSimulator sim = OmniSimulator.start(unlimited().build())) {
      SimClient c = new SimClient(sim, "v1");
      sim.setLatency(
          Latency.fixed(Duration.ofMillis(50))
              .withJitter(Duration.ofMillis(20))
              .withSpikes(1.0, Duration.ofMillis(150)));

      long took = timeMillis(() -> c.list(null));

      assertThat(took).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void theSameSeedReplaysTheSameFaults() {
    assertThat(statuses(42)).isEqualTo(statuses(42));
    assertThat(statuses(42)).contains(200).containsAnyOf(500, 503);
  }

  private static List<Integer> statuses(long seed) {
    List<Integer> out = new ArrayList<>();
    try (OmniSimulator sim =
        OmniSimulator.start(unlimited().randomSeed(seed).error5xxRate(0.5).build())) {
      SimClient c = new SimClient(sim, "v1");
      for (int i = 0; i < 30; i++) {
        out.add(c.list(null).status());
      }
    }
    return out;
  }

  private static long timeMillis(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
