package dev.gitops.omni.cli;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OkHttpNeighbourClient;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code plan} and {@code import} read around one instance's connections, through the client
 * that listed them: a connection's schedules (one GET each) and the organisation's environment
 * links (one GET, then remembered, a failure too). Only read, never written. A 429 is waited out
 * (Retry-After when Omni sends one) and a 5xx retried, a few times each: these commands make one
 * call per connection, which Omni's 60 a minute may not cover. Not on the {@code unstable} API.
 */
final class NeighbourReads implements AutoCloseable {
  /** What plan and import say where these calls do not exist. */
  static final String UNSTABLE =
      "the unstable API has no schema-refresh schedules or environment links (the operator"
          + " leaves them alone there; use API prefix v1)";

  private static final int TRIES = 4;

  /** Waits between tries; a test replaces it. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AutoCloseable owned;
  private final NeighbourClient client;
  private final boolean available;
  private final Progress progress;
  private final Sleeper sleeper;
  private Optional<List<EnvironmentLink>> links;
  private OmniApiException linksFailure;

  /** Reads through {@code client} (owned: closed with this) on API {@code prefix}. */
  NeighbourReads(OkHttpOmniClient client, String prefix, Progress progress) {
    this(
        client,
        new OkHttpNeighbourClient(client),
        "v1".equals(prefix),
        progress,
        d -> Thread.sleep(d.toMillis()));
  }

  NeighbourReads(
      AutoCloseable owned,
      NeighbourClient client,
      boolean available,
      Progress progress,
      Sleeper sleeper) {
    this.owned = owned;
    this.client = client;
    this.available = available;
    this.progress = progress;
    this.sleeper = sleeper;
  }

  /** Whether this API has schedules and environment links ({@code v1}). */
  boolean available() {
    return available;
  }

  /** The connection's schedules; throws {@link OmniApiException} when Omni will not say. */
  List<RefreshSchedule> schedules(String connectionId) {
    return withRetries(() -> client.schedules(connectionId));
  }

  /**
   * Every environment link of the organisation, read on the first call only; empty when this Omni
   * has no such GET. Throws the same {@link OmniApiException} on every call once it failed.
   */
  Optional<List<EnvironmentLink>> environments() {
    if (links == null && linksFailure == null) {
      try {
        links = withRetries(client::environments);
      } catch (OmniApiException e) {
        linksFailure = e;
      }
    }
    if (linksFailure != null) {
      throw linksFailure;
    }
    return links;
  }

  private <T> T withRetries(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (OmniApiException e) {
        if (!e.retryable() || attempt >= TRIES) {
          throw e;
        }
        Duration wait =
            e.kind() == OmniFailure.RATE_LIMITED
                ? e.retryAfter().orElse(Duration.ofSeconds(10L << (attempt - 1)))
                : Duration.ofSeconds(attempt);
        progress.line(e.getMessage() + ": trying again in " + (wait.toMillis() + 999) / 1000 + "s");
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      owned.close();
    } catch (Exception e) {
      // closing a client releases threads and sockets; nothing to report
    }
  }
}
