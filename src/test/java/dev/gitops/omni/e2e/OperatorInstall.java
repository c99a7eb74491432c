package dev.gitops.omni.e2e;

import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator installed as users install it, on a real API server: the committed CRD applied
 * server-side, RBAC from deploy/ or the chart, the Omni simulator on loopback, and the shipped jar
 * run as the ServiceAccount that RBAC binds.
 */
public final class OperatorInstall implements AutoCloseable {
  public static final String NAMESPACE = "omni-operator";
  public static final String SERVICE_ACCOUNT = "omni-operator";

  /** OmniConnections as an untyped resource: the objects exactly as the API server keeps them. */
  public static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext
      OMNICONNECTIONS =
          new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
              .withGroup(OmniConnection.GROUP)
              .withVersion(OmniConnection.VERSION)
              .withPlural("omniconnections")
              .withKind("OmniConnection")
              .withNamespaced(true)
              .build();

  public static final String OPERATOR_USER =
      RealCluster.serviceAccountUser(NAMESPACE, SERVICE_ACCOUNT);

  private final RealCluster cluster;
  private final OmniSimulator omni;
  private final List<OperatorProcess> operators = new ArrayList<>();

  /** The environment the installed Deployment gives its container (empty for deploy/ as-is). */
  private java.util.Map<String, String> deploymentEnv = java.util.Map.of();

  private OperatorInstall(RealCluster cluster, OmniSimulator omni) {
    this.cluster = cluster;
    this.omni = omni;
  }

  /** A fresh cluster with {@code crdFile} applied server-side, and a simulator (no rate limit). */
  public static OperatorInstall start(Path crdFile) {
    return start(
        crdFile,
        SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0).build(),
        java.util.Map.of());
  }

  /**
   * As {@link #start(Path)}, with a simulator of these {@code options} and {@code apiServerFlags}
   * added to the kube-apiserver's (for a benchmark).
   */
  public static OperatorInstall start(
      Path crdFile, SimulatorOptions options, java.util.Map<String, String> apiServerFlags) {
    RealCluster cluster = RealCluster.start(apiServerFlags);
    cluster.kubectl().installCrd(crdFile);
    return new OperatorInstall(cluster, OmniSimulator.start(options));
  }

  /** The three CRDs in crds/: connections and both instance kinds. */
  public static final List<Path> ALL_CRDS =
      List.of(
          Path.of("crds", "omniconnections.omni.gitops.dev-v1.yml"),
          Path.of("crds", "omniinstances.omni.gitops.dev-v1.yml"),
          Path.of("crds", "clusteromniinstances.omni.gitops.dev-v1.yml"));

  /** A fresh cluster with every CRD of this release, and a simulator of these {@code options}. */
  public static OperatorInstall startWithInstances(SimulatorOptions options) {
    RealCluster cluster = RealCluster.start(java.util.Map.of());
    ALL_CRDS.forEach(cluster.kubectl()::installCrd);
    return new OperatorInstall(cluster, OmniSimulator.start(options));
  }

  public static OperatorInstall start() {
    return start(Path.of("crds", "omniconnections.omni.gitops.dev-v1.yml"));
  }

  /** Applies {@code kubectl apply -k deploy/}: namespace, ServiceAccount, ClusterRole, binding… */
  public OperatorInstall withDeployManifests() {
    cluster.kubectl().run("apply", "-k", "deploy/").ok();
    deploymentEnv = containerEnv();
    return this;
  }

  /** Applies what the chart renders with this values file (its namespace created first). */
  public OperatorInstall withChart(String valuesYaml) {
    cluster.kubectl().run("create", "namespace", NAMESPACE).ok();
    String rendered = dev.gitops.omni.ship.ChartRenderer.template(java.util.Map.of(), valuesYaml);
    cluster.kubectl().runWithInput(rendered, "apply", "-f", "-").ok();
    deploymentEnv = containerEnv();
    return this;
  }

  /**
   * The operator container's plain environment as the API server stores the Deployment: values, and
   * the pod's namespace for a {@code fieldRef} (the kubelet would fill it in). So the replicas run
   * with the settings the chart gives them (leader election, watched namespaces…).
   */
  private java.util.Map<String, String> containerEnv() {
    var deployment =
        cluster.admin().apps().deployments().inNamespace(NAMESPACE).withName("omni-operator").get();
    java.util.Map<String, String> env = new java.util.HashMap<>();
    for (var e : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        if ("metadata.namespace".equals(e.getValueFrom().getFieldRef().getFieldPath())) {
          env.put(e.getName(), NAMESPACE);
        }
      }
    }
    return env;
  }

  /** Starts the jar as the operator's ServiceAccount, with {@code args} after the Omni options. */
  public OperatorProcess runOperator(String identity, List<String> args) {
    return runOperator(identity, List.of("-Xmx256m"), args, Duration.ofSeconds(90));
  }

  /**
   * As {@link #runOperator(String, List)}, with the JVM's options and a longer wait for /readyz
   * (informers of many resources take a while to sync).
   */
  public OperatorProcess runOperator(
      String identity, List<String> jvmOptions, List<String> args, Duration readyWithin) {
    Path kubeconfig = cluster.serviceAccountKubeconfig(NAMESPACE, SERVICE_ACCOUNT);
    String token = omni.options().tokens().iterator().next();
    var operator =
        OperatorProcess.start(
            identity, kubeconfig, omni.baseUrl(), token, deploymentEnv, jvmOptions, args);
    operators.add(operator);
    await("operator " + identity + " ready")
        .atMost(readyWithin)
        .pollInterval(Duration.ofMillis(200))
        .failFast(
            () -> {
              if (!operator.alive()) {
                throw new AssertionError(identity + " exited:\n" + operator.log());
              }
            })
        .until(operator::ready);
    return operator;
  }

  /**
   * {@code java -jar target/omni-operator.jar plan ARGS} against this install's Omni, as a user
   * runs it in a pull request's CI.
   */
  public Kubectl.Result plan(String... args) {
    try {
      Path token =
          java.nio.file.Files.writeString(
              cluster.work().resolve("plan.token"), SimulatorOptions.DEFAULT_TOKEN);
      List<String> command =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-jar",
                  System.getProperty("operator.jar", "target/omni-operator.jar"),
                  "plan",
                  "--omni-url=" + omni.baseUrl(),
                  "--omni-token-file=" + token));
      command.addAll(List.of(args));
      return Kubectl.exec(command, null, "plan");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public RealCluster cluster() {
    return cluster;
  }

  public OmniSimulator omni() {
    return omni;
  }

  public MixedOperation<
          OmniConnection,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<OmniConnection>,
          Resource<OmniConnection>>
      connections() {
    return cluster.admin().resources(OmniConnection.class);
  }

  public OmniConnection get(String namespace, String name) {
    return connections().inNamespace(namespace).withName(name).get();
  }

  /** The condition of this type, if the operator wrote one. */
  public static Optional<StatusCondition> condition(OmniConnection c, String type) {
    if (c == null || c.getStatus() == null) {
      return Optional.empty();
    }
    return c.getStatus().conditions.stream().filter(x -> type.equals(x.getType())).findFirst();
  }

  /** True when Ready=True for the resource's current generation. */
  public static boolean ready(OmniConnection c) {
    return c != null
        && c.getStatus() != null
        && c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)
        && condition(c, "Ready").map(r -> "True".equals(r.getStatus())).orElse(false);
  }

  public void awaitReady(String namespace, String name) {
    await(namespace + "/" + name + " Ready (logs in " + cluster.work() + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(get(namespace, name)));
  }

  /**
   * What the API server answered the operator's ServiceAccount (from the audit log). Never empty:
   * an operator that authenticated as anyone else would make every check on it vacuous.
   */
  public List<AuditLog.Entry> operatorRequests() {
    List<AuditLog.Entry> requests = cluster.audit().by(OPERATOR_USER);
    if (requests.isEmpty()) {
      throw new AssertionError("the audit log holds no request of " + OPERATOR_USER);
    }
    return requests;
  }

  /** Every 403 answer the API server gave the operator's ServiceAccount. */
  public List<AuditLog.Entry> forbiddenToOperator() {
    return operatorRequests().stream().filter(e -> e.code() == 403).toList();
  }

  /** The requests of the operator that its RBAC refused. */
  public List<AuditLog.Entry> deniedToOperator() {
    return operatorRequests().stream().filter(AuditLog.Entry::deniedByRbac).toList();
  }

  @Override
  public void close() {
    operators.forEach(OperatorProcess::close);
    omni.close();
    cluster.close();
  }
}
