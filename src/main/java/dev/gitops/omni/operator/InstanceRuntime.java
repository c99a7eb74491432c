package dev.gitops.omni.operator;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.net.URI;
import java.time.Duration;

/**
 * What one Omni instance runs on: its own client, request budget, shared list and poller, and the
 * reconcile units over them ({@link OperatorParts}). Built, rebuilt and stopped by {@link
 * InstanceRuntimes} as instances come, change and go (docs/tenancy.md).
 */
final class InstanceRuntime {
  /** What, when it changes, needs a new runtime (a new key needs only {@link #useToken}). */
  record Settings(URI url, String apiPrefix, int requestsPerMinute, Duration pollInterval) {
    static Settings of(OperatorConfig c) {
      return new Settings(c.omniUrl(), c.apiPrefix(), c.requestsPerMinute(), c.pollInterval());
    }
  }

  private final InstanceId id;
  private final Settings settings;
  private final OperatorParts parts;
  private final OkHttpOmniClient owned;
  private volatile SecretValue token;

  /** The key has not been shown to work yet: new, or rotated since its last list. */
  private volatile boolean keyUnchecked = true;

  private volatile OmniPoller poller;

  InstanceRuntime(InstanceId id, OperatorParts parts, OkHttpOmniClient owned) {
    this.id = id;
    this.settings = Settings.of(parts.config());
    this.parts = parts;
    this.owned = owned;
    this.token = parts.config().token();
  }

  InstanceId id() {
    return id;
  }

  Settings settings() {
    return settings;
  }

  OperatorParts parts() {
    return parts;
  }

  /** Whether {@code key} is the key this runtime sends. */
  boolean sends(SecretValue key) {
    return token != null && token.equals(key);
  }

  /**
   * A rotated key, used from the next request on; requests in flight, the budget, the shared list
   * and the resources' progress stay as they are.
   */
  void useToken(SecretValue key) {
    if (owned == null) {
      throw new IllegalStateException(id + ": a client not built from the instance cannot rotate");
    }
    owned.useToken(key);
    token = key;
    keyUnchecked = true;
  }

  /** Whether the key needs a list of its own to be shown to work (new or rotated). */
  boolean keyUnchecked() {
    return keyUnchecked;
  }

  /** A list with the current key succeeded. */
  void keyChecked() {
    keyUnchecked = false;
  }

  /** Starts polling the list over the informer's cache of OmniConnections (once). */
  synchronized void startPolling(
      IndexedResourceCache<OmniConnection> resources,
      TriggerEvents<OmniConnection> events,
      boolean active) {
    if (poller == null) {
      poller =
          new OmniPoller(
              parts.cache(),
              resources,
              parts.config().pollInterval(),
              parts.clock(),
              parts.metrics(),
              parts.omni(),
              events,
              id);
      poller.start();
    }
    if (active) {
      poller.activate();
    }
  }

  /** Polling begins on the leader only (its first reconcile). */
  void activate() {
    OmniPoller p = poller;
    if (p != null) {
      p.activate();
    }
  }

  OmniPoller poller() {
    return poller;
  }

  /** Stops the poller and closes the client: requests still on the wire fail and are retried. */
  synchronized void close() {
    if (poller != null) {
      poller.stop();
    }
    if (owned != null) {
      owned.close();
    }
  }
}
