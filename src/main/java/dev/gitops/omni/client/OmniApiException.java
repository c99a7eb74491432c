package dev.gitops.omni.client;

import dev.gitops.omni.connection.OmniFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed Omni call, typed by what the caller can do about it. The message holds Omni's detail
 * text (never a request body, so never a secret).
 */
public class OmniApiException extends RuntimeException {

  private final OmniFailure kind;
  private final int status;
  private final String detail;
  private final Duration retryAfter;

  public OmniApiException(
      OmniFailure kind, int status, String detail, Duration retryAfter, Throwable cause) {
    super(describe(kind, status, detail), cause);
    this.kind = kind;
    this.status = status;
    this.detail = detail == null ? "" : detail;
    this.retryAfter = retryAfter;
  }

  public OmniApiException(OmniFailure kind, int status, String detail) {
    this(kind, status, detail, null, null);
  }

  private static String describe(OmniFailure kind, int status, String detail) {
    String code = status > 0 ? "HTTP " + status : "no response";
    return "Omni " + code + (detail == null || detail.isBlank() ? "" : ": " + detail);
  }

  public OmniFailure kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Omni's own explanation ({@code detail}, {@code message} or {@code error}), verbatim. */
  public String detail() {
    return detail;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean retryable() {
    return kind.retryable();
  }
}
