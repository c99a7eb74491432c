package dev.gitops.omni.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed Omni call, typed by what the caller can do about it. The message holds Omni's detail
 * text (never a request body, so never a secret).
 */
public class OmniApiException extends RuntimeException {

  /** What went wrong, and the condition reason and retry verdict that follow from it. */
  public enum Kind {
    /** 400: Omni rejected the request; its detail says why. Terminal. */
    INVALID_REQUEST("OmniRejected", false),
    /** 401 / 403: the token is wrong or lacks permission. Terminal. */
    NOT_AUTHORISED("PermissionDenied", false),
    /** 404: no such connection (or, just after a create, not visible yet). */
    NOT_FOUND("NotFound", false),
    /** 410: the connection is already archived. */
    GONE("Gone", false),
    /** 429: over the per-key rate limit. Retry after a pause. */
    RATE_LIMITED("RateLimited", true),
    /** 5xx, timeouts and I/O errors. Retry with backoff. */
    UNAVAILABLE("OmniUnavailable", true);

    private final String reason;
    private final boolean retryable;

    Kind(String reason, boolean retryable) {
      this.reason = reason;
      this.retryable = retryable;
    }

    public String conditionReason() {
      return reason;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final int status;
  private final String detail;
  private final Duration retryAfter;

  public OmniApiException(
      Kind kind, int status, String detail, Duration retryAfter, Throwable cause) {
    super(describe(kind, status, detail), cause);
    this.kind = kind;
    this.status = status;
    this.detail = detail == null ? "" : detail;
    this.retryAfter = retryAfter;
  }

  public OmniApiException(Kind kind, int status, String detail) {
    this(kind, status, detail, null, null);
  }

  private static String describe(Kind kind, int status, String detail) {
    String code = status > 0 ? "HTTP " + status : "no response";
    return "Omni "
        + code
        + " ("
        + kind.conditionReason()
        + ")"
        + (detail == null || detail.isBlank() ? "" : ": " + detail);
  }

  public Kind kind() {
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

  public String conditionReason() {
    return kind.conditionReason();
  }
}
