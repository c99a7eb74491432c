package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every neighbour call against every kind of failure Omni or the network can give it. */
class NeighbourErrorsTest {

  private static final String ID = NeighbourScheduleCallsTest.CONNECTION;
  private static final String SCHEDULE = NeighbourScheduleCallsTest.SCHEDULE;
  private static final RefreshSchedule NINE =
      new RefreshSchedule(null, "00 09 * * ? *", "America/New_York");

  static final Map<String, Consumer<NeighbourClient>> CALLS =
      Map.of(
          "schedules", c -> c.schedules(ID),
          "createSchedule", c -> c.createSchedule(ID, NINE),
          "updateSchedule", c -> c.updateSchedule(ID, SCHEDULE, NINE),
          "deleteSchedule", c -> c.deleteSchedule(ID, SCHEDULE),
          "environments", NeighbourClient::environments,
          "linkEnvironments", c -> c.linkEnvironments(ID, List.of("e-1", "e-2")),
          "setEnvironmentValues", c -> c.setEnvironmentValues("env-rec-1", List.of("dev")),
          "unlinkEnvironment", c -> c.unlinkEnvironment("env-rec-1"));

  /** status, fixture, kind, detail: one row per failure class. */
  private static final List<Arguments> FAILURES =
      List.of(
          Arguments.of(
              400,
              "error-400-attribute-value-in-use.json",
              OmniFailure.INVALID_REQUEST,
              "User attribute value \"prod\" is already in use"),
          Arguments.of(401, "error-message.json", OmniFailure.NOT_AUTHORISED, "Invalid API key"),
          Arguments.of(
              403,
              "error-403-permission-denied.json",
              OmniFailure.NOT_AUTHORISED,
              "Permission denied"),
          Arguments.of(
              404,
              "error-404-schedule-connection.json",
              OmniFailure.NOT_FOUND,
              "Connection with id " + ID + " does not exist"),
          Arguments.of(
              410, "error-410-gone.json", OmniFailure.GONE, "Connection has already been deleted"),
          Arguments.of(429, "error-429.json", OmniFailure.RATE_LIMITED, "Too many requests"),
          Arguments.of(500, "error-500.json", OmniFailure.UNAVAILABLE, "Internal server error"),
          Arguments.of(
              503, "error-503.json", OmniFailure.UNAVAILABLE, "Service temporarily unavailable"));

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  static Stream<Arguments> callsAndFailures() {
    return CALLS.keySet().stream()
        .sorted()
        .flatMap(
            call ->
                FAILURES.stream()
                    // the environments GET answered 404 is "no such GET here": see the calls test
                    .filter(f -> !(call.equals("environments") && f.get()[0].equals(404)))
                    .map(f -> Arguments.of(call, f.get()[0], f.get()[1], f.get()[2], f.get()[3])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("callsAndFailures")
  void mapsEveryFailure(String call, int status, String fixture, OmniFailure kind, String detail) {
    MockResponse.Builder answer =
        new MockResponse.Builder().code(status).body(ClientFixtures.read(fixture));
    if (status == 429) {
      answer.addHeader("Retry-After", "7");
    }
    omni.answer(answer.build());

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> CALLS.get(call).accept(client));

    assertThat(e).as("an OmniApiException").isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.detail()).isEqualTo(detail);
    assertThat(e.retryable()).isEqualTo(kind.retryable());
    assertThat(e.retryAfter())
        .isEqualTo(status == 429 ? Optional.of(Duration.ofSeconds(7)) : Optional.empty());
    assertThat(omni.server.getRequestCount()).as("one call, one request").isEqualTo(1);
  }

  static Stream<String> calls() {
    return CALLS.keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("calls")
  void aBadGatewayPageIsUnavailable(String call) {
    omni.answer(502, "error-502.html");

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> CALLS.get(call).accept(client));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.detail()).contains("502 Bad Gateway");
  }

  @ParameterizedTest
  @MethodSource("calls")
  void aDroppedConnectionIsUnavailableWithoutStatus(String call) {
    omni.answer(
        new MockResponse.Builder()
            .code(200)
            .body("{}")
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> CALLS.get(call).accept(client));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.detail()).startsWith("connection failed before a complete response");
  }
}
