package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OkHttpNeighbourClient;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Wires one operator: the command line's Omni instance (client, request budget, shared list and
 * poller), the registry that builds one such runtime per OmniInstance and ClusterOmniInstance, the
 * three reconcilers, and the JOSDK {@link Operator}.
 */
public final class OmniOperator implements AutoCloseable {
  private final Operator operator;
  private final ConnectionCache cache;
  private final OperatorMetrics metrics;
  private final InstanceRuntimes runtimes;

  private OmniOperator(
      Operator operator,
      ConnectionCache cache,
      OperatorMetrics metrics,
      InstanceRuntimes runtimes) {
    this.operator = operator;
    this.cache = cache;
    this.metrics = metrics;
    this.runtimes = runtimes;
  }

  /**
   * What differs between a cluster, the sandbox and the tests; everything else comes from the
   * {@link OperatorConfig}.
   *
   * @param omni the Omni client, or null: an OkHttp client is built from the config (and closed
   *     with the operator)
   */
  public record Wiring(
      KubernetesClient kubernetes,
      OmniClient omni,
      OperatorMetrics metrics,
      LeaderElectionConfiguration leaderElection,
      Clock clock) {
    public Wiring {
      Objects.requireNonNull(kubernetes);
      metrics = metrics == null ? OperatorMetrics.noop() : metrics;
      clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static Wiring of(KubernetesClient kubernetes) {
      return new Wiring(kubernetes, null, null, null, null);
    }
  }

  /** The one place an operator is wired: {@code run}, the sandbox and the tests all come here. */
  public static OmniOperator create(OperatorConfig config, Wiring w) {
    OperatorMetrics metrics = w.metrics();
    Events events = new KubernetesEvents(w.kubernetes(), w.clock());
    OkHttpOmniClient owned = w.omni() == null ? omniClient(config) : null;
    OmniClient client = owned != null ? owned : w.omni();
    InstanceRuntimes.Builder builder =
        (id, c, omni) ->
            new InstanceRuntime(
                id,
                OperatorParts.build(
                    c, budgeted(omni, c, metrics), neighbours(omni), events, metrics, w.clock()),
                omni);
    InstanceRuntime commandLine =
        new InstanceRuntime(
            InstanceId.DEFAULT,
            OperatorParts.build(
                config,
                budgeted(client, config, metrics),
                client instanceof OkHttpOmniClient http ? neighbours(http) : null,
                events,
                metrics,
                w.clock()),
            owned);
    InstanceRuntimes runtimes =
        new InstanceRuntimes(
            commandLine, builder, OmniOperator::omniClient, new TriggerEvents<>("omni-pollers"));
    boolean instances = InstanceKinds.installed(w.kubernetes(), config.namespaces());
    ReferencedSecrets secrets = new ReferencedSecrets();
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(w.kubernetes())
                  .withUseSSAToPatchPrimaryResource(false)
                  // an older watch event must never replace the copy our own write cached
                  .withParseResourceVersions(true)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  // Stopping waits for reconciles in flight: one cut off after its POST went out
                  // while a successor starts can create the connection a second time (the soak's
                  // restarts found it).
                  .withReconciliationTerminationTimeout(config.timeouts().stopDrain())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()));
              if (w.leaderElection() != null) {
                o.withLeaderElectionConfiguration(w.leaderElection());
              }
            });
    operator.register(
        new OmniConnectionReconciler(
            runtimes,
            new InstanceRefusal(events, metrics, w.clock()),
            secrets,
            new NamespaceLabels(w.kubernetes(), w.clock()),
            instances),
        c -> {
          // every event reaches the reconciler, which adds and removes the finalizer itself
          c.withTriggerReconcilerOnAllEvents(true)
              .withGenerationAware(false)
              .withOnUpdateFilter(OmniOperator::worthReconciling);
          watch(c, config);
        });
    if (instances) {
      InstanceSync sync = new InstanceSync(config, runtimes, w.clock());
      operator.register(
          new OmniInstanceReconciler(sync, secrets),
          c -> {
            c.withFinalizer(InstanceKinds.IN_USE_FINALIZER);
            watch(c, config);
          });
      operator.register(
          new ClusterOmniInstanceReconciler(sync, secrets),
          c -> c.withFinalizer(InstanceKinds.IN_USE_FINALIZER));
    }
    return new OmniOperator(operator, commandLine.parts().cache(), metrics, runtimes);
  }

  private static void watch(
      io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider<?> c,
      OperatorConfig config) {
    if (config.namespaces().isEmpty()) {
      c.watchingAllNamespaces();
    } else {
      c.settingNamespaces(config.namespaces());
    }
  }

  /** The neighbours' client over the same HTTP client, on {@code v1} only (none elsewhere). */
  private static NeighbourClient neighbours(OkHttpOmniClient client) {
    return client.config().isV1() ? new OkHttpNeighbourClient(client) : null;
  }

  /** An instance's client behind its own request budget, reporting to the shared metrics. */
  private static BudgetedOmniClient budgeted(
      OmniClient client, OperatorConfig config, OperatorMetrics metrics) {
    return new BudgetedOmniClient(
        client,
        new RequestBudget(config.requestsPerMinute()),
        new BudgetedOmniClient.OmniCallListener() {
          @Override
          public void sent(String route) {}

          @Override
          public void answered(String route, int status) {
            metrics.omniCall(route, status);
          }

          @Override
          public void heldBack(String route, Duration wait) {
            metrics.budgetWait(route, wait);
          }
        });
  }

  /** The OkHttp client for an Omni instance, with the configured timeouts. */
  public static OkHttpOmniClient omniClient(OperatorConfig config) {
    return new OkHttpOmniClient(
        new OmniClientConfig(
            config.omniUrl().toString(),
            config.apiPrefix(),
            config.token(),
            config.timeouts().omniConnect(),
            config.timeouts().omniRead(),
            null));
  }

  /**
   * Spec, annotation (paused, poll interval, a retry nudge) and deletion changes reconcile, and so
   * does a finalizer someone else took away; the operator's own bookkeeping writes (status, its
   * finalizer, the create-pending mark) do not: the run that wrote them already acted on them, and
   * a second run per write was most of the work per create at scale.
   */
  static boolean worthReconciling(OmniConnection now, OmniConnection before) {
    var a = now.getMetadata();
    var b = before.getMetadata();
    return !Objects.equals(a.getGeneration(), b.getGeneration())
        || !Objects.equals(
            withoutCreatePending(a.getAnnotations()), withoutCreatePending(b.getAnnotations()))
        || (!now.hasFinalizer(OmniConnection.FINALIZER)
            && !Objects.equals(a.getFinalizers(), b.getFinalizers()))
        || a.getDeletionTimestamp() != null;
  }

  private static Map<String, String> withoutCreatePending(Map<String, String> annotations) {
    if (annotations == null || !annotations.containsKey(OmniConnection.CREATE_PENDING_ANNOTATION)) {
      return annotations == null ? Map.of() : annotations;
    }
    var copy = new HashMap<>(annotations);
    copy.remove(OmniConnection.CREATE_PENDING_ANNOTATION);
    return copy;
  }

  public void start() {
    operator.start();
  }

  public Operator operator() {
    return operator;
  }

  public ConnectionCache cache() {
    return cache;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    operator.stop();
    runtimes.close();
  }
}
