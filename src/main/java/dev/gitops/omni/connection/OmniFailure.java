package dev.gitops.omni.connection;

/** The ways an Omni call fails, by what the caller can do about it (docs/omni-api.md). */
public enum OmniFailure {
  /** 400: Omni rejected the request; its detail says why. Terminal. */
  INVALID_REQUEST(false),
  /** 401 / 403: the token is wrong or lacks permission. Terminal. */
  NOT_AUTHORISED(false),
  /** 404: no such connection (or, just after a create, not visible yet). */
  NOT_FOUND(false),
  /** 410: the connection is already archived. */
  GONE(false),
  /** 429: over the per-key rate limit. Retry after a pause. */
  RATE_LIMITED(true),
  /** 5xx, timeouts and I/O errors. Retry with backoff. */
  UNAVAILABLE(true);

  private final boolean retryable;

  OmniFailure(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The connection is not there (any more): planning again on a fresh list sorts it out. */
  public boolean vanished() {
    return this == NOT_FOUND || this == GONE;
  }
}
