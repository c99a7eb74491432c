package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the neighbour calls refuse before sending (the beta prefix, ids that would leave their
 * route, lists with no comma-separated form), and what the transport must never do (resend a POST,
 * follow a redirect).
 */
class NeighbourRefusalsTest {

  private static final String ID = NeighbourScheduleCallsTest.CONNECTION;
  private static final RefreshSchedule NINE = new RefreshSchedule(null, "0 9 * * ? *", "UTC");

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  static Stream<String> calls() {
    return NeighbourErrorsTest.CALLS.keySet().stream().sorted();
  }

  /** The beta prefix has none of these routes: a clear, terminal error, and nothing is sent. */
  @ParameterizedTest
  @MethodSource("calls")
  void theBetaPrefixRefusesWithoutSending(String call) {
    OkHttpNeighbourClient beta = omni.neighbours("unstable");

    OmniApiException e =
        catchThrowableOfType(
            OmniApiException.class, () -> NeighbourErrorsTest.CALLS.get(call).accept(beta));

    assertThat(e.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.status()).isZero();
    assertThat(e.detail()).contains("/api/unstable").contains("use apiPrefix v1");
    assertThat(omni.server.getRequestCount()).isZero();
  }

  static Stream<Arguments> badArguments() {
    List<Consumer<NeighbourClient>> bad =
        List.of(
            c -> c.schedules(".."),
            c -> c.createSchedule("a/b", NINE),
            c -> c.updateSchedule(ID, "x?y=1", NINE),
            c -> c.deleteSchedule(ID, " "),
            c -> c.createSchedule(ID, new RefreshSchedule(null, " ", "UTC")),
            c -> c.updateSchedule(ID, "s-1", new RefreshSchedule(null, "0 9 * * ? *", null)),
            c -> c.linkEnvironments(ID, List.of()),
            c -> c.linkEnvironments(ID, List.of("e-1,e-2")),
            c -> c.linkEnvironments("../x", List.of("e-1")),
            c -> c.setEnvironmentValues("env-rec-1", List.of("dev,staging")),
            c -> c.setEnvironmentValues("env-rec-1", List.of("dev", "")),
            c -> c.setEnvironmentValues("env-rec-1", List.of()),
            c -> c.unlinkEnvironment("."));
    return bad.stream().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("badArguments")
  void refusesWhatCannotBeSentFaithfully(Consumer<NeighbourClient> call) {
    assertThatThrownBy(() -> call.accept(client)).isInstanceOf(IllegalArgumentException.class);
    assertThat(omni.server.getRequestCount()).isZero();
  }

  /** OkHttp would resend on a reused connection that fails: Omni has no idempotency key. */
  @ParameterizedTest
  @ValueSource(strings = {"createSchedule", "linkEnvironments"})
  void aPostIsNeverResentAfterTheConnectionDrops(String call) {
    omni.answer(200, "schedules-empty.json");
    omni.answer(
        new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
            .build());
    omni.answer(201, "schedule-created.json");

    client.schedules(ID);
    OmniApiException e =
        catchThrowableOfType(
            OmniApiException.class, () -> NeighbourErrorsTest.CALLS.get(call).accept(client));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(omni.server.getRequestCount()).as("the POST was sent once").isEqualTo(2);
  }

  @Test
  void aRedirectIsNotFollowed() {
    omni.answer(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "https://myorg.omniapp.co/login")
            .build());

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> client.createSchedule(ID, NINE));

    assertThat(e.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(e.detail()).contains("does not follow redirects");
    assertThat(omni.server.getRequestCount()).isEqualTo(1);
  }
}
