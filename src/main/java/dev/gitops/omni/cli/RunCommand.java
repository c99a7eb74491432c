package dev.gitops.omni.cli;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.HealthServer;
import dev.gitops.omni.operator.OmniOperator;
import dev.gitops.omni.operator.OperatorConfig;
import dev.gitops.omni.operator.OperatorMetrics;
import dev.gitops.omni.operator.Timeouts;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the operator against the cluster in KUBECONFIG or the in-cluster config. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the operator against the cluster in KUBECONFIG or the in-cluster config. Every"
            + " option also reads the environment variable named in its description.")
public class RunCommand implements Callable<Integer> {
  @Mixin OmniOptions omni;
  @Mixin LogOptions logs;

  @Option(
      names = "--watch-namespaces",
      defaultValue = "${env:WATCH_NAMESPACES}",
      description = "Comma-separated namespaces to watch; empty: all (env WATCH_NAMESPACES).")
  String namespaces;

  @Option(
      names = "--poll-interval",
      defaultValue = "${env:POLL_INTERVAL:-5m}",
      description =
          "How often Omni's connection list is read to find drift, e.g. 5m (env POLL_INTERVAL)."
              + " A resource can ask for less with annotation omni.gitops.dev/poll-interval.")
  String pollInterval;

  @Option(
      names = "--default-deletion-policy",
      defaultValue = "${env:DEFAULT_DELETION_POLICY:-Orphan}",
      description =
          "Orphan or Delete, for resources without spec.deletionPolicy (env"
              + " DEFAULT_DELETION_POLICY).")
  DeletionPolicy deletionPolicy;

  @Option(
      names = "--rate-limit",
      defaultValue = "${env:RATE_LIMIT_PER_MINUTE:-60}",
      description = "Omni requests per minute for this API key (env RATE_LIMIT_PER_MINUTE).")
  int rateLimit;

  @Option(
      names = "--reconcile-threads",
      defaultValue = "${env:RECONCILE_THREADS:-10}",
      description = "Concurrent reconciles (env RECONCILE_THREADS).")
  int threads;

  @Option(
      names = "--http-port",
      defaultValue = "${env:HTTP_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics (env HTTP_PORT).")
  int httpPort;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:LEADER_ELECTION:-false}",
      description =
          "Elect a leader through a Lease, for more than one replica (env LEADER_ELECTION).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:LEASE_NAME:-omni-operator-leader}",
      description =
          "Name of the leader-election Lease: one per install, so two releases in one namespace"
              + " never share a leader (env LEASE_NAME; the chart sets <release>-leader).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE}",
      description = "Namespace of the leader-election Lease (env POD_NAMESPACE).")
  String leaseNamespace;

  private static final java.util.regex.Pattern LEASE_NAME =
      java.util.regex.Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  @Override
  public Integer call() throws Exception {
    logs.apply();
    if (!LEASE_NAME.matcher(leaseName).matches()) {
      throw new UsageException(
          "--lease-name (LEASE_NAME) must be a DNS-1123 subdomain (lowercase letters, digits, '-'"
              + " and '.', at most 253 characters), not '"
              + leaseName
              + "'");
    }
    if (threads < 1) {
      throw new UsageException(
          "--reconcile-threads (RECONCILE_THREADS) must be at least 1, not " + threads);
    }
    if (rateLimit < 1) {
      // checked first: the poll-interval floor is computed from it, and blamed the poll interval
      throw new UsageException(
          "--rate-limit (RATE_LIMIT_PER_MINUTE) must be at least 1 request per minute, not "
              + rateLimit);
    }
    Duration poll = Limits.pollInterval("--poll-interval (POLL_INTERVAL)", pollInterval, rateLimit);
    SecretValue token = omni.token();
    if (token == null) {
      throw new UsageException("an Omni API key is required: --omni-token-file or OMNI_TOKEN");
    }
    OperatorConfig config =
        new OperatorConfig(
            omni.uri(),
            omni.prefix(),
            token,
            namespaces(),
            poll,
            deletionPolicy,
            rateLimit,
            threads,
            Timeouts.DEFAULTS);
    var registry = OperatorMetrics.prometheusRegistry();
    var metrics = new OperatorMetrics(registry);
    var kubernetes = new KubernetesClientBuilder().build();
    try {
      ClusterProbe.check(kubernetes, config.namespaces());
    } catch (UsageException e) {
      kubernetes.close();
      throw e;
    }
    LeaderElectionConfiguration election =
        leaderElection ? new LeaderElectionConfiguration(leaseName, leaseNamespace) : null;
    var operator =
        OmniOperator.create(
            config, new OmniOperator.Wiring(kubernetes, null, metrics, election, null));
    var health =
        new HealthServer(
            httpPort,
            () ->
                operator.operator().getRuntimeInfo().allEventSourcesAreHealthy()
                    && operator.operator().getRuntimeInfo().isStarted(),
            registry);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  health.close();
                  kubernetes.close();
                  stopped.countDown();
                }));
    org.slf4j.LoggerFactory.getLogger(RunCommand.class).info("starting: {}", config);
    operator.start();
    stopped.await();
    return 0;
  }

  private java.util.Set<String> namespaces() {
    if (namespaces == null || namespaces.isBlank()) {
      return java.util.Set.of();
    }
    return new LinkedHashSet<>(
        Arrays.stream(namespaces.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }
}
