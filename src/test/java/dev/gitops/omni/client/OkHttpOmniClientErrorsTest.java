package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Omni's error answers and broken connections, as each client call sees them. */
class OkHttpOmniClientErrorsTest {

  private static final String ID = "c0f12353-4817-4398-bcc0-d501e6dd2f64";
  private static final NewConnection CREATE =
      Requests.create(
          Map.of("dialect", "postgres", "name", "db"),
          Map.of("passwordUnencrypted", SecretValue.of("pw")));
  private static final ConnectionPatch PATCH = Requests.patch("VIEWER", false, null, null, null);

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpOmniClient client = omni.client("v1");

  static Consumer<OmniClient> call(String name) {
    return switch (name) {
      case "create" -> c -> c.create(CREATE);
      case "patch" -> c -> c.patch(ID, PATCH);
      case "list" -> c -> c.list(ListFilter.ALL);
      case "get" -> c -> c.get(ID);
      case "delete" -> c -> c.delete(ID);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Every row of error-cases.tsv: the reference's error answers, per call that gets them. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvFileSource(
      resources = "/omni-fixtures/error-cases.tsv",
      numLinesToSkip = 1,
      delimiter = '\t',
      quoteCharacter = '`')
  void mapsTheErrorAnswer(
      String call, String fixture, int status, OmniFailure kind, String detail) {
    omni.answer(status, fixture);

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> call(call).accept(client));

    assertThat(e).as("an OmniApiException").isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.detail()).isEqualTo(detail);
    assertThat(e.retryable()).isEqualTo(kind.retryable());
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void anHtmlPageIsCutTo300Characters() {
    omni.answer(503, "error-html.html");

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.list(null));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.detail()).startsWith("<!DOCTYPE html>").endsWith("...").hasSize(303);
  }

  @Test
  void anEmptyErrorBodyFallsBackToTheReasonPhrase() {
    omni.answer(new MockResponse.Builder().status("HTTP/1.1 429 Too Many Requests").build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.list(null));

    assertThat(e.kind()).isEqualTo(OmniFailure.RATE_LIMITED);
    assertThat(e.detail()).isEqualTo("Too Many Requests");
  }

  @Test
  void keepsRetryAfterSecondsOnA429() {
    omni.answer(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "12")
            .body(ClientFixtures.read("error-429.json"))
            .build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.create(CREATE));

    assertThat(e.kind()).isEqualTo(OmniFailure.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
  }

  @Test
  void keepsRetryAfterAsAnHttpDateOnA429() {
    String at =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC));
    omni.answer(new MockResponse.Builder().code(429).addHeader("Retry-After", at).build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.list(null));

    assertThat(e.retryAfter())
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
  }

  @Test
  void aDroppedConnectionIsUnavailableWithoutStatus() {
    omni.answer(
        new MockResponse.Builder()
            .code(201)
            .body(ClientFixtures.read("create-201.json"))
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.create(CREATE));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.detail()).startsWith("connection failed before a complete response");
  }

  @Test
  void aPostIsNeverResentAfterTheConnectionDrops() {
    assertThePostIsSentOnce(client);
  }

  @Test
  void aSharedOkHttpClientThatRetriesIsStillMadeNotTo() {
    OkHttpClient shared =
        new OkHttpClient.Builder().retryOnConnectionFailure(true).followRedirects(true).build();

    assertThePostIsSentOnce(new OkHttpOmniClient(omni.config("v1"), shared));
  }

  private void assertThePostIsSentOnce(OkHttpOmniClient c) {
    // A first call leaves a pooled connection: OkHttp's own retry kicks in when a reused
    // connection fails, which is exactly where it would silently send the POST a second time.
    omni.answer(200, "list-connections.json");
    omni.answer(
        new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
            .build());
    omni.answer(201, "create-201.json");

    c.list(null);
    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> c.create(CREATE));

    assertThat(e).as("the create fails instead of being sent again").isNotNull();
    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(omni.take().getMethod()).isEqualTo("GET");
    assertThat(omni.take().getMethod()).isEqualTo("POST");
    assertThat(omni.server.getRequestCount()).as("the POST was sent once").isEqualTo(2);
  }

  @Test
  void aStalledServerTimesOutAsUnavailable() {
    OkHttpOmniClient quick =
        new OkHttpOmniClient(
            omni.config("v1").withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
    omni.answer(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> quick.list(null));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.status()).isZero();
    assertThat(e.detail()).startsWith("timed out");
    quick.close();
  }

  @Test
  void aRedirectIsNotFollowed() {
    omni.answer(
        new MockResponse.Builder()
            .code(301)
            .addHeader("Location", "https://myorg.omniapp.co/api/v1/connections")
            .build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.create(CREATE));

    assertThat(e.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(e.status()).isEqualTo(301);
    assertThat(e.detail()).contains("https://myorg.omniapp.co/api/v1/connections");
    assertThat(omni.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSuccessWithoutTheExpectedBodyIsAnError() {
    omni.answer(new MockResponse.Builder().code(200).body("<html>login</html>").build());
    omni.answer(new MockResponse.Builder().code(201).body("{\"success\": true}").build());

    OmniApiException list = catchThrowableOfType(OmniApiException.class, () -> client.list(null));
    OmniApiException create =
        catchThrowableOfType(OmniApiException.class, () -> client.create(CREATE));

    assertThat(list.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(list.status()).isEqualTo(200);
    // Not retryable: the connection may exist, and another POST would duplicate it.
    assertThat(create.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(create.retryable()).isFalse();
    assertThat(create.detail()).contains("look it up by name");
  }

  @Test
  void nothingListeningIsUnavailable() {
    OmniClientConfig config = omni.config("v1");
    omni.close();
    OkHttpOmniClient closed = new OkHttpOmniClient(config);

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> closed.list(null));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.status()).isZero();
    closed.close();
  }
}
