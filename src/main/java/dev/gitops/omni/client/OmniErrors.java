package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.OmniFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import okhttp3.Headers;

/**
 * Turns a failed HTTP exchange into an {@link OmniApiException}. Only response text and exception
 * types go into the detail: a request body holds secrets and is never looked at here. Should the
 * server echo a secret the call sent, it is masked.
 */
final class OmniErrors {

  /** How much of a non-JSON error body (an HTML error page, say) is kept. */
  static final int MAX_RAW_DETAIL = 300;

  private static final List<String> DETAIL_FIELDS = List.of("detail", "message", "error");

  private OmniErrors() {}

  /** What an HTTP status means for the caller. */
  static OmniFailure kindOf(int status) {
    if (status == 401 || status == 403) {
      return OmniFailure.NOT_AUTHORISED;
    }
    return switch (status) {
      case 404 -> OmniFailure.NOT_FOUND;
      case 410 -> OmniFailure.GONE;
      case 429 -> OmniFailure.RATE_LIMITED;
      default ->
          status >= 300 && status < 500 ? OmniFailure.INVALID_REQUEST : OmniFailure.UNAVAILABLE;
    };
  }

  /** The exception for a non-2xx answer. */
  static OmniApiException fromResponse(
      int status,
      String reason,
      Headers headers,
      String body,
      Collection<String> secrets,
      Clock clock) {
    // Mask the raw body first (a PEM key loses its line breaks once the detail is one line),
    // then the extracted detail (a JSON string value is unescaped by then).
    String detail =
        status >= 300 && status < 400
            ? redirectDetail(headers.get("Location"))
            : detailOf(mask(body, secrets), reason, status);
    Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock);
    return new OmniApiException(kindOf(status), status, mask(detail, secrets), retryAfter, null);
  }

  /** The exception for a call that got no complete response: always retryable, status 0. */
  static OmniApiException fromIo(IOException e, Collection<String> secrets) {
    String what;
    if (e instanceof InterruptedIOException && inTlsHandshake(e)) {
      what =
          "timed out in the TLS handshake with Omni: does the server speak https (or is it http://)?";
    } else if (e instanceof InterruptedIOException) {
      what = "timed out waiting for Omni";
    } else if (e instanceof ConnectException) {
      what = "could not connect to Omni";
    } else if (e instanceof UnknownHostException) {
      what = "unknown Omni host";
    } else if (e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      what = "Omni's TLS certificate does not name this host: check the host in --omni-url";
    } else if (e instanceof javax.net.ssl.SSLException
        && causedBy(e, java.security.cert.CertificateExpiredException.class)) {
      what = "Omni's TLS certificate has expired (or the machine's clock is wrong)";
    } else if (e instanceof javax.net.ssl.SSLException && untrusted(e)) {
      what =
          "Omni's TLS certificate is not trusted (self-signed or a private CA): add that CA to"
              + " the JVM's trust store (-Djavax.net.ssl.trustStore)";
    } else if (e instanceof javax.net.ssl.SSLException) {
      what = "the TLS handshake with Omni failed: does the server speak https (or is it http://)?";
    } else {
      what = "connection failed before a complete response";
    }
    // the words of the cause, never a class name: this detail reaches conditions and the CLI
    String detail = e.getMessage() == null ? what : what + " (" + e.getMessage() + ")";
    return new OmniApiException(OmniFailure.UNAVAILABLE, 0, mask(detail, secrets), null, e);
  }

  /** Whether the call was still in the TLS handshake: an https URL for a plain-http server. */
  private static boolean inTlsHandshake(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getMethodName().equals("startHandshake")
            && frame.getClassName().contains("SSLSocket")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertificateException
          || t.getClass().getName().equals("sun.security.validator.ValidatorException")) {
        return true;
      }
    }
    return false;
  }

  /** A 2xx whose body is not the expected shape (a proxy's page, say). */
  static OmniApiException malformed(int status, String expected, OmniFailure kind) {
    return new OmniApiException(
        kind, status, "Omni answered " + status + " without " + expected, null, null);
  }

  /**
   * Omni's explanation: {@code detail}, else {@code message}, else {@code error} (an object or
   * array rendered as compact JSON); else the raw body when it is not JSON, trimmed and cut to
   * {@value #MAX_RAW_DETAIL} characters; else the HTTP reason.
   */
  static String detailOf(String body, String reason, int status) {
    JsonNode json = OmniJson.parseOrNull(body);
    if (json != null && json.isObject()) {
      for (String field : DETAIL_FIELDS) {
        String text = OmniJson.render(json.get(field));
        if (text != null && !text.isBlank()) {
          return text;
        }
      }
    } else if (json != null && !json.isNull()) {
      return truncate(OmniJson.render(json));
    } else if (json == null && body != null && !body.isBlank()) {
      return truncate(body);
    }
    return reason == null || reason.isBlank() ? standardReason(status) : reason.strip();
  }

  /**
   * Replaces every occurrence of a secret the call sent, as is or JSON-escaped, by {@code ****}.
   */
  static String mask(String text, Collection<String> secrets) {
    if (text == null || secrets == null) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        out = out.replace(secret, "****").replace(jsonEscaped(secret), "****");
      }
    }
    return out;
  }

  private static String jsonEscaped(String secret) {
    String quoted = OmniJson.MAPPER.getNodeFactory().textNode(secret).toString();
    return quoted.substring(1, quoted.length() - 1);
  }

  static String truncate(String raw) {
    String oneLine = raw.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    return oneLine.length() <= MAX_RAW_DETAIL
        ? oneLine
        : oneLine.substring(0, MAX_RAW_DETAIL) + "...";
  }

  private static String redirectDetail(String location) {
    return "Omni redirected to "
        + (location == null ? "another address" : location)
        + "; the client does not follow redirects: check the baseUrl";
  }

  private static String standardReason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 410 -> "Gone";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
