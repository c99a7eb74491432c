package dev.gitops.omni.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's own metrics (JOSDK adds its reconcile metrics beside them): Omni calls by route
 * and status, time held back by the request budget, drift found, and resources by condition. Labels
 * never hold a secret, a connection id or a resource name.
 */
public final class OperatorMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
  private final Map<String, String> stateOf = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    // registered at 0, so a dashboard and an alert see the series before the first drift
    driftCounter();
    for (String s : new String[] {"Ready", "Reconciling", "Stalled", "Paused"}) {
      AtomicLong g = new AtomicLong();
      byState.put(s, g);
      registry.gauge(
          "omni_operator_resources", io.micrometer.core.instrument.Tags.of("condition", s), g);
    }
  }

  /**
   * The registry {@code /metrics} serves: the operator's meters and JOSDK's go into it, and the
   * JVM's memory, GC, threads, CPU and uptime are bound to it, which heap and thread alerts (and
   * the chart's Grafana dashboard) need.
   */
  public static PrometheusMeterRegistry prometheusRegistry() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  public static OperatorMetrics noop() {
    return new OperatorMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One Omni call answered with {@code status} (0: no response). */
  public void omniCall(String route, int status) {
    Counter.builder("omni_operator_omni_requests")
        .description("Omni API calls by route and HTTP status (0: no response)")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** A call held back by the request budget, and how long until a request is free. */
  public void budgetWait(String route, Duration wait) {
    Timer.builder("omni_operator_rate_limiter_wait")
        .description("Time calls had to wait for the operator's Omni request budget")
        .tag("route", route)
        .register(registry)
        .record(wait);
  }

  /** A resource newly found DriftDetected (counted once per episode, not per poll). */
  public void driftDetected() {
    driftCounter().increment();
  }

  private Counter driftCounter() {
    return Counter.builder("omni_operator_drift_detected")
        .description("Resources newly found with a difference Omni cannot change back in place")
        .register(registry);
  }

  public void pollTriggered(int resources) {
    Counter.builder("omni_operator_poll_triggered_reconciles")
        .description("Reconciles triggered because a poll found their connection changed")
        .register(registry)
        .increment(resources);
  }

  /** Records the state a resource is now in ("Ready", "Reconciling", "Stalled", "Paused"). */
  public void resourceState(String key, String state) {
    String before = state == null ? stateOf.remove(key) : stateOf.put(key, state);
    if (before != null && byState.containsKey(before)) {
      byState.get(before).decrementAndGet();
    }
    if (state != null && byState.containsKey(state)) {
      byState.get(state).incrementAndGet();
    }
  }
}
