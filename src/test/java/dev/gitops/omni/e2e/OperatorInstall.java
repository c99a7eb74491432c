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
  public static final String OPERATOR_USER =
      RealCluster.serviceAccountUser(NAMESPACE, SERVICE_ACCOUNT);

  private final RealCluster cluster;
  private final OmniSimulator omni;
  private final List<OperatorProcess> operators = new ArrayList<>();

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

  public static OperatorInstall start() {
    return start(Path.of("crds", "omniconnections.omni.gitops.dev-v1.yml"));
  }

  /** Applies {@code kubectl apply -k deploy/}: namespace, ServiceAccount, ClusterRole, binding… */
  public OperatorInstall withDeployManifests() {
    cluster.kubectl().run("apply", "-k", "deploy/").ok();
    return this;
  }

  /** Applies what the chart renders with this values file (its namespace created first). */
  public OperatorInstall withChart(String valuesYaml) {
    cluster.kubectl().run("create", "namespace", NAMESPACE).ok();
    String rendered = dev.gitops.omni.ship.ChartRenderer.template(java.util.Map.of(), valuesYaml);
    cluster.kubectl().runWithInput(rendered, "apply", "-f", "-").ok();
    return this;
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
        OperatorProcess.start(identity, kubeconfig, omni.baseUrl(), token, jvmOptions, args);
    operators.add(operator);
    await("operator " + identity + " ready")
        .atMost(readyWithin)
        .pollInterval(Duration.ofMillis(200))
        .failFast("operator exited:\n" + operator.log(), () -> !operator.alive())
        .until(operator::ready);
    return operator;
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
    await(namespace + "/" + name + " Ready")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(get(namespace, name)));
  }

  /** Every 403 answer the API server gave the operator's ServiceAccount (from the audit log). */
  public List<AuditLog.Entry> forbiddenToOperator() {
    return cluster.audit().by(OPERATOR_USER).stream().filter(e -> e.code() == 403).toList();
  }

  /** The requests of the operator that its RBAC refused. */
  public List<AuditLog.Entry> deniedToOperator() {
    return cluster.audit().by(OPERATOR_USER).stream().filter(AuditLog.Entry::deniedByRbac).toList();
  }

  @Override
  public void close() {
    operators.forEach(OperatorProcess::close);
    omni.close();
    cluster.close();
  }
}
