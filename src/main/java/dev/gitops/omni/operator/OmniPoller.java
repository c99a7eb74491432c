package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single poller of one instance's Omni connection list: refreshes its shared {@link
 * ConnectionCache} once per poll interval and triggers reconciles of only that instance's resources
 * whose connection changed, appeared or disappeared ({@link TriggerEvents} hands them to the SDK).
 * Steady state costs one list call per instance per interval, whatever the number of resources.
 */
final class OmniPoller {
  private static final Logger log = LoggerFactory.getLogger(OmniPoller.class);

  private final ConnectionCache cache;
  private final IndexedResourceCache<OmniConnection> resources;
  private final Duration interval;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final BudgetedOmniClient omni;
  private final TriggerEvents<OmniConnection> events;
  private final InstanceId instance;
  private volatile java.util.function.BooleanSupplier serving = () -> true;
  private volatile ScheduledExecutorService executor;
  private final java.util.concurrent.atomic.AtomicBoolean active =
      new java.util.concurrent.atomic.AtomicBoolean();

  OmniPoller(
      ConnectionCache cache,
      IndexedResourceCache<OmniConnection> resources,
      Duration interval,
      Clock clock,
      OperatorMetrics metrics,
      BudgetedOmniClient omni,
      TriggerEvents<OmniConnection> events,
      InstanceId instance) {
    this.omni = omni;
    this.events = events;
    this.instance = instance;
    this.cache = cache;
    this.resources = resources;
    this.interval = interval;
    this.clock = clock;
    this.metrics = metrics;
    cache.addListener(this::onChanges);
  }

  /** Lists only while {@code serving} says this instance serves resources. */
  void listOnlyWhile(java.util.function.BooleanSupplier serving) {
    this.serving = serving;
  }

  /** The poller's name in the request budget's queue (not a valid resource key). */
  static final String BUDGET_OWNER = "(omni-poller)";

  synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "omni-poller");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the polling, once: called by the first reconcile. The SDK starts event sources on every
   * replica, leader or standby, but reconciles only on the leader: a poll started with the event
   * source made every standby list Omni each interval, outside the leader's request budget (found
   * by the e2e suite's two replicas on a real API server).
   */
  void activate() {
    ScheduledExecutorService e = executor;
    if (e != null && !e.isShutdown() && active.compareAndSet(false, true)) {
      e.schedule(this::poll, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
    active.set(false);
  }

  private void poll() {
    long started = System.nanoTime();
    Duration next = interval;
    try {
      // a held-back list is reserved ahead of the resources waiting for the budget: a mass
      // change delays it by what the window holds, not by its whole queue
      Instant now = clock.instant();
      if (!serving.getAsBoolean()) {
        // the command line's instance while a ClusterOmniInstance default serves its resources
        return;
      }
      cache.refreshIfStartedBefore(now, omni.aheadOfQueue(BUDGET_OWNER));
      // a reconcile's list may have made this one unnecessary: free a slot reserved for it
      omni.release(BUDGET_OWNER);
    } catch (BudgetExhaustedException e) {
      // resources waiting for the budget go first; the list follows them, nothing failed
      next = e.retryAfter().orElse(Duration.ofSeconds(1));
      log.debug("Omni's connection list waits {} for the request budget", next);
    } catch (OmniApiException e) {
      // a rejected key will not fix itself: try again at the poll interval, not every few seconds
      next = e.retryable() ? e.retryAfter().orElse(Duration.ofSeconds(10)) : interval;
      log.warn("polling Omni's connection list failed, retrying in {}: {}", next, e.getMessage());
    } catch (RuntimeException e) {
      next = Duration.ofSeconds(10);
      log.warn("polling Omni's connection list failed: {}", e.toString());
    } finally {
      if (executor != null && !executor.isShutdown()) {
        // at a fixed rate: the interval counts from this poll's start, not its end, so the list's
        // own time does not stretch every interval (one list per interval, not a little fewer)
        long delay =
            next == interval ? next.toNanos() - (System.nanoTime() - started) : next.toNanos();
        executor.schedule(this::poll, Math.max(1_000_000, delay), TimeUnit.NANOSECONDS);
      }
    }
  }

  private void onChanges(ConnectionCache.ListChanges changes) {
    if (!events.isRunning()) {
      return;
    }
    Set<ResourceID> affected = new HashSet<>();
    changes.ids().forEach(id -> mineIn(Indexes.BY_CONNECTION_ID, id, affected));
    changes.names().forEach(n -> mineIn(Indexes.BY_OMNI_NAME, n, affected));
    metrics.pollTriggered(affected.size());
    affected.forEach(events::trigger);
  }

  /** This instance's resources under {@code key} of {@code index}: another's share no name. */
  private void mineIn(String index, String key, Set<ResourceID> into) {
    resources.byIndex(index, Indexes.within(instance, key)).stream()
        .map(ResourceID::fromResource)
        .forEach(into::add);
  }

  /**
   * Reconciles {@code id} again shortly: for a resource deleted and created again under the same
   * name, whose new copy the SDK handed over with the old one's delete event and then forgot.
   */
  void reconcileSoon(ResourceID id) {
    ScheduledExecutorService e = executor;
    if (e != null && !e.isShutdown() && events.isRunning()) {
      e.schedule(() -> events.trigger(id), 1, TimeUnit.SECONDS);
    }
  }
}
