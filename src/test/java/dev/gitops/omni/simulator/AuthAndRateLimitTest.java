package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bearer tokens, read-only tokens and the per-token sliding-window rate limit over HTTP. */
class AuthAndRateLimitTest {

  private static void assertTooManyRequests(SimClient.Resp r) {
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().get("detail").asText()).isEqualTo("Too Many Requests");
    assertThat(r.json().get("status").asInt()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    assertThat(r.headers().map().keySet())
        .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-ratelimit"));
  }

  @Test
  void missingOrUnknownTokenIs401OnEveryRoute() {
    try (OmniSimulator sim = OmniSimulator.start()) {
      for (String token : new String[] {null, "wrong-token"}) {
        SimClient c = new SimClient(sim, "v1", token);
        for (SimClient.Resp r :
            new SimClient.Resp[] {
              c.list(null),
              c.get("x"),
              c.create(Bodies.postgres("p")),
              c.patch("x", "{}"),
              c.delete("x")
            }) {
          assertThat(r.status()).isEqualTo(401);
          assertThat(r.raw()).isEqualTo("{\"detail\":\"Unauthorized\",\"status\":401}");
        }
      }
      assertThat(sim.connections()).isEmpty();
      assertThat(sim.count("create", 401)).isEqualTo(2);
    }
  }

  @Test
  void tokenMustBeABearerToken() {
    try (OmniSimulator sim = OmniSimulator.start()) {
      for (String header : new String[] {"Basic sim-token", "sim-token", "Bearer "}) {
        SimClient.Resp r = SimClient.withAuthorizationHeader(sim, "v1", header).list(null);
        assertThat(r.status()).as(header).isEqualTo(401);
      }
      assertThat(
              SimClient.withAuthorizationHeader(sim, "v1", "bearer sim-token").list(null).status())
          .isEqualTo(200);
    }
  }

  @Test
  void configuredTokensAreAllAccepted() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().tokens("key-a", "key-b").build())) {
      assertThat(new SimClient(sim, "v1", "key-a").list(null).status()).isEqualTo(200);
      assertThat(new SimClient(sim, "v1", "key-b").list(null).status()).isEqualTo(200);
      assertThat(new SimClient(sim, "v1", "sim-token").list(null).status()).isEqualTo(401);
    }
  }

  @Test
  void readOnlyTokenReadsButCannotWrite() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().readOnlyTokens("viewer-key").build())) {
      String id = new SimClient(sim, "v1").createOk(Bodies.postgres("p"));
      SimClient viewer = new SimClient(sim, "v1", "viewer-key");

      assertThat(viewer.list(null).status()).isEqualTo(200);
      assertThat(viewer.get(id).status()).isEqualTo(200);
      for (SimClient.Resp r :
          new SimClient.Resp[] {
            viewer.create(Bodies.postgres("q")),
            viewer.patch(id, Map.of("baseRole", "VIEWER")),
            viewer.delete(id),
            new SimClient(sim, "unstable", "viewer-key").patch(id, Map.of("baseRole", "VIEWER"))
          }) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.detail()).isEqualTo("Permission denied");
        assertThat(r.json().get("status").asInt()).isEqualTo(403);
      }
      assertThat(sim.connections()).hasSize(1);
      assertThat(sim.connection(id).orElseThrow().baseRole()).isNull();
    }
  }

  @Test
  void fivePerMinuteThen429WithoutRetryAfter() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(5).build())) {
      SimClient c = new SimClient(sim, "v1");
      for (int i = 0; i < 5; i++) {
        assertThat(c.list(null).status()).as("request %d", i + 1).isEqualTo(200);
      }
      assertTooManyRequests(c.list(null));
      assertTooManyRequests(c.create(Bodies.postgres("p")));
      assertThat(sim.connections()).isEmpty();
      assertThat(sim.count("list", 429)).isEqualTo(1);
      assertThat(sim.count("create", 429)).isEqualTo(1);
    }
  }

  @Test
  void limitIsPerToken() {
    try (OmniSimulator sim =
        OmniSimulator.start(
            SimulatorOptions.builder().tokens("a", "b").rateLimitPerMinute(2).build())) {
      SimClient a = new SimClient(sim, "v1", "a");
      SimClient b = new SimClient(sim, "v1", "b");
      a.list(null);
      a.list(null);

      assertThat(a.list(null).status()).isEqualTo(429);
      assertThat(b.list(null).status()).isEqualTo(200);
      assertThat(b.list(null).status()).isEqualTo(200);
      assertThat(b.list(null).status()).isEqualTo(429);
    }
  }

  @Test
  void windowSlidesAndRejectedRequestsDoNotCount() {
    Duration window = Duration.ofMillis(600);
    try (OmniSimulator sim =
        OmniSimulator.start(
            SimulatorOptions.builder().rateLimitPerMinute(3).rateLimitWindow(window).build())) {
      SimClient c = new SimClient(sim, "v1");
      for (int i = 0; i < 3; i++) {
        assertThat(c.list(null).status()).isEqualTo(200);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(c.list(null).status()).isEqualTo(429);
      }
      // keep asking every 50 ms: had the 429s counted, the window would never empty
      AtomicInteger accepted = new AtomicInteger();
      await("three requests accepted once the window slid past the first three")
          .pollInterval(Duration.ofMillis(50))
          .atMost(window.multipliedBy(5))
          .until(() -> c.list(null).status() == 200 && accepted.incrementAndGet() == 3);
      assertThat(c.list(null).status()).as("the fourth in the new window").isEqualTo(429);
    }
  }

  @Test
  void injectedBurstAnswers429ThenRecoversWithoutUsingTheWindow() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(2).build())) {
      SimClient c = new SimClient(sim, "v1");
      sim.injectRateLimitBurst(3);

      for (int i = 0; i < 3; i++) {
        assertTooManyRequests(c.list(null));
      }
      assertThat(c.list(null).status()).isEqualTo(200);
      assertThat(c.list(null).status()).isEqualTo(200);
      assertThat(c.list(null).status()).isEqualTo(429);
    }
  }

  @Test
  void anUnservedBurstCanBeCancelled() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build())) {
      SimClient c = new SimClient(sim, "v1");
      sim.injectRateLimitBurst(3);
      assertTooManyRequests(c.list(null));

      assertThat(sim.cancelRateLimitBurst()).isEqualTo(2);
      assertThat(c.list(null).status()).isEqualTo(200);
      assertThat(sim.cancelRateLimitBurst()).isZero();
    }
  }

  @Test
  void zeroMeansUnlimitedAndTheLimitCanChangeAtRuntime() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build())) {
      SimClient c = new SimClient(sim, "v1");
      for (int i = 0; i < 100; i++) {
        assertThat(c.list(null).status()).isEqualTo(200);
      }
      sim.setRateLimitPerMinute(1);
      assertThat(c.list(null).status()).isEqualTo(200);
      assertThat(c.list(null).status()).isEqualTo(429);
    }
  }

  @Test
  void unauthenticatedRequestsAreNotRateLimited() {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(1).build())) {
      SimClient anonymous = new SimClient(sim, "v1", null);
      for (int i = 0; i < 3; i++) {
        assertThat(anonymous.list(null).status()).isEqualTo(401);
      }
      assertThat(new SimClient(sim, "v1").list(null).status()).isEqualTo(200);
    }
  }
}
