package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** The error mapping alone: status, headers and body in, {@link OmniApiException} out. */
class OmniErrorsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  /** Every row of error-cases.tsv (the call column matters only over HTTP). */
  @ParameterizedTest(name = "{0} {1}")
  @CsvFileSource(
      resources = "/omni-fixtures/error-cases.tsv",
      numLinesToSkip = 1,
      delimiter = '\t',
      quoteCharacter = '`')
  void mapsEachErrorBody(String call, String fixture, int status, OmniFailure kind, String detail) {
    OmniApiException e =
        OmniErrors.fromResponse(
            status, "", Headers.of(), ClientFixtures.read(fixture), List.of(), CLOCK);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.detail()).isEqualTo(detail);
    assertThat(e.retryable()).isEqualTo(kind.retryable());
    assertThat(e.getMessage()).isEqualTo("Omni HTTP " + status + ": " + detail);
    assertThat(e.retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST, OmniRejected, false",
    "401, NOT_AUTHORISED, PermissionDenied, false",
    "403, NOT_AUTHORISED, PermissionDenied, false",
    "404, NOT_FOUND, NotFound, false",
    "405, INVALID_REQUEST, OmniRejected, false",
    "409, INVALID_REQUEST, OmniRejected, false",
    "410, GONE, Gone, false",
    "422, INVALID_REQUEST, OmniRejected, false",
    "429, RATE_LIMITED, RateLimited, true",
    "500, UNAVAILABLE, OmniUnavailable, true",
    "502, UNAVAILABLE, OmniUnavailable, true",
    "503, UNAVAILABLE, OmniUnavailable, true",
    "504, UNAVAILABLE, OmniUnavailable, true",
  })
  void mapsStatusToKind(int status, OmniFailure kind, String reason, boolean retryable) {
    assertThat(OmniErrors.kindOf(status)).isEqualTo(kind);
    assertThat(Reason.of(kind).text()).isEqualTo(reason);
    assertThat(kind.retryable()).isEqualTo(retryable);
  }

  @Test
  void keepsAtMost300CharactersOfANonJsonBody() {
    OmniApiException e =
        OmniErrors.fromResponse(
            503,
            "Service Unavailable",
            Headers.of(),
            ClientFixtures.read("error-html.html"),
            List.of(),
            CLOCK);

    assertThat(e.detail())
        .startsWith("<!DOCTYPE html> <html lang=\"en\"> <head>")
        .endsWith("...")
        .hasSize(OmniErrors.MAX_RAW_DETAIL + 3)
        .doesNotContain("\n");
  }

  @Test
  void fallsBackToTheHttpReasonWhenTheBodyIsEmpty() {
    assertThat(OmniErrors.detailOf("", "Bad Gateway", 502)).isEqualTo("Bad Gateway");
    assertThat(OmniErrors.detailOf(null, "", 503)).isEqualTo("Service Unavailable");
    assertThat(OmniErrors.detailOf("{}", null, 418)).isEqualTo("HTTP 418");
    assertThat(OmniErrors.detailOf(ClientFixtures.read("error-no-detail.json"), "", 429))
        .isEqualTo("Too Many Requests");
    assertThat(OmniErrors.detailOf("{\"detail\": \"  \", \"message\": \"m\"}", "", 400))
        .isEqualTo("m");
    assertThat(OmniErrors.detailOf("\"quota exceeded\"", "", 429)).isEqualTo("quota exceeded");
  }

  @Test
  void readsRetryAfterInSeconds() {
    OmniApiException e =
        OmniErrors.fromResponse(
            429,
            "",
            Headers.of("Retry-After", "17"),
            ClientFixtures.read("error-429.json"),
            List.of(),
            CLOCK);

    assertThat(e.kind()).isEqualTo(OmniFailure.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    String in90s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            CLOCK.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));

    OmniApiException e =
        OmniErrors.fromResponse(429, "", Headers.of("Retry-After", in90s), "", List.of(), CLOCK);

    assertThat(in90s).endsWith("GMT");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void keepsRetryAfterOnA503Too() {
    OmniApiException e =
        OmniErrors.fromResponse(503, "", Headers.of("Retry-After", "5"), "", List.of(), CLOCK);

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "'0', PT0S",
        "' 3 ', PT3S",
        "'Sun, 01 Jun 2025 11:59:00 GMT', PT0S",
        "'Sun, 01 Jun 2025 12:01:00 GMT', PT1M",
        "'soon', ",
        "'-5', ",
        "'99999999999999999999999', ",
        "'', "
      })
  void parsesRetryAfterLeniently(String header, Duration expected) {
    assertThat(RetryAfter.parse(header, CLOCK)).isEqualTo(expected);
  }

  @Test
  void tlsFailuresSayWhatToFix() {
    var untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new java.security.cert.CertificateException("unable to find valid path"));
    var notTls = new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message");
    var handshakeTimeout = new SocketTimeoutException("Read timed out");
    handshakeTimeout.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("sun.security.ssl.SSLSocketImpl", "startHandshake", null, 1)
        });

    var expired = new javax.net.ssl.SSLHandshakeException("PKIX");
    expired.initCause(new java.security.cert.CertificateExpiredException("NotAfter: 2020"));
    assertThat(OmniErrors.fromIo(expired, List.of()).detail()).contains("has expired");
    assertThat(
            OmniErrors.fromIo(new javax.net.ssl.SSLPeerUnverifiedException("no name"), List.of())
                .detail())
        .contains("does not name this host");
    assertThat(OmniErrors.fromIo(untrusted, List.of()).detail())
        .startsWith("Omni's TLS certificate is not trusted (self-signed or a private CA)");
    assertThat(OmniErrors.fromIo(notTls, List.of()).detail())
        .startsWith("the TLS handshake with Omni failed: does the server speak https");
    assertThat(OmniErrors.fromIo(handshakeTimeout, List.of()).detail())
        .startsWith("timed out in the TLS handshake with Omni: does the server speak https");
  }

  @Test
  void mapsIoFailuresToUnavailableWithoutStatus() {
    OmniApiException timeout = OmniErrors.fromIo(new SocketTimeoutException("timeout"), List.of());
    OmniApiException refused =
        OmniErrors.fromIo(new ConnectException("Connection refused"), List.of());
    OmniApiException dropped =
        OmniErrors.fromIo(
            new IOException("unexpected end of stream", new EOFException()), List.of());

    for (OmniApiException e : List.of(timeout, refused, dropped)) {
      assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
      assertThat(e.status()).isZero();
      assertThat(e.retryable()).isTrue();
      assertThat(Reason.of(e.kind())).isEqualTo(Reason.OMNI_UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("Omni no response: ");
      assertThat(e.getCause()).isInstanceOf(IOException.class);
    }
    assertThat(timeout.detail()).startsWith("timed out");
    assertThat(refused.detail()).startsWith("could not connect");
    assertThat(dropped.detail()).contains("unexpected end of stream");
  }

  @Test
  void masksASecretTheServerEchoes() {
    String key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\"abc\n-----END PRIVATE KEY-----";
    String jsonEcho = "{\"detail\": " + TextNode.valueOf(key) + "}";
    String htmlEcho = "<p>bad value " + key + "</p>";
    String objectEcho = "{\"error\": {\"value\": " + TextNode.valueOf(key) + "}}";

    for (String body : List.of(jsonEcho, htmlEcho, objectEcho)) {
      OmniApiException e =
          OmniErrors.fromResponse(400, "", Headers.of(), body, List.of(key), CLOCK);
      assertThat(e.getMessage()).contains("****").doesNotContain("MIIEvQ");
    }
  }

  @Test
  void aRedirectNamesTheTargetAndIsTerminal() {
    OmniApiException e =
        OmniErrors.fromResponse(
            301, "Moved", Headers.of("Location", "https://x.omniapp.co/api"), "", List.of(), CLOCK);

    assertThat(e.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(e.detail()).contains("https://x.omniapp.co/api", "baseUrl");
  }
}
