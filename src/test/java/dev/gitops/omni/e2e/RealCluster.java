package dev.gitops.omni.e2e;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real etcd + kube-apiserver on loopback (io.fabric8:kube-api-test, RBAC authorization on, an
 * audit log of every request), an admin client and kubectl against it, and on demand a
 * kube-controller-manager running the namespace and garbage-collection controllers.
 */
public final class RealCluster implements AutoCloseable {
  private final Path work;
  private final KubeAPIServer server;
  private final KubernetesClient admin;
  private final Path adminKubeconfig;
  private final AuditLog audit;
  private final List<ChildProcess> children = new ArrayList<>();

  private RealCluster(Path work, KubeAPIServer server) {
    this.work = work;
    this.server = server;
    this.adminKubeconfig = write("admin.kubeconfig", server.getKubeConfigYaml());
    this.admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
            .build();
    this.audit = new AuditLog(work.resolve("audit.log"));
  }

  /** Starts a fresh cluster; skips (or, in CI, fails) the caller when the binaries are missing. */
  public static RealCluster start() {
    return start(java.util.Map.of());
  }

  /**
   * A fresh cluster whose kube-apiserver gets {@code apiServerFlags} on top of the usual ones (e.g.
   * {@code --max-requests-inflight} for a benchmark).
   */
  public static RealCluster start(java.util.Map<String, String> apiServerFlags) {
    KubeBinaries.assumePresent();
    try {
      Path work = Files.createTempDirectory("omni-e2e-");
      Path policy = work.resolve("audit-policy.yaml");
      Files.writeString(
          policy,
          """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: [RequestReceived]
          rules:
            - level: Metadata
          """);
      var builder =
          KubeAPIServerConfigBuilder.anAPIServerConfig()
              .withTestDir(KubeBinaries.root().toString())
              .withApiServerVersion(KubeBinaries.version())
              .withOfflineMode(true)
              .withStartupTimeout(120_000)
              .withApiServerFlag("--bind-address", "127.0.0.1")
              .withApiServerFlag("--advertise-address", "127.0.0.1")
              .withApiServerFlag("--audit-policy-file", policy.toString())
              .withApiServerFlag("--audit-log-path", work.resolve("audit.log").toString())
              .withApiServerFlag("--audit-log-mode", "blocking");
      apiServerFlags.forEach(builder::withApiServerFlag);
      var config = builder.build();
      KubeAPIServer server = new KubeAPIServer(config);
      server.start();
      return new RealCluster(work, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient admin() {
    return admin;
  }

  public Path adminKubeconfig() {
    return adminKubeconfig;
  }

  public Path work() {
    return work;
  }

  public AuditLog audit() {
    return audit;
  }

  /** kubectl as a user runs it, with the admin kubeconfig. */
  public Kubectl kubectl() {
    return new Kubectl(adminKubeconfig);
  }

  /** The username the API server sees for a ServiceAccount. */
  public static String serviceAccountUser(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  /**
   * A kubeconfig that authenticates as the ServiceAccount (created when missing) with a token from
   * the TokenRequest API, as a pod's projected token would.
   */
  public Path serviceAccountKubeconfig(String namespace, String name) {
    if (admin.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
      admin
          .serviceAccounts()
          .inNamespace(namespace)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .build())
          .create();
    }
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(name)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config c = admin.getConfiguration();
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: e2e
            cluster: {server: "%s", certificate-authority: "%s"}
        users:
          - name: %s
            user: {token: "%s"}
        contexts:
          - name: e2e
            context: {cluster: e2e, user: %s, namespace: %s}
        current-context: e2e
        """
            .formatted(c.getMasterUrl(), c.getCaCertFile(), name, token, name, namespace);
    return write(namespace + "-" + name + ".kubeconfig", yaml);
  }

  /** Starts kube-controller-manager with the namespace and garbage-collection controllers. */
  public void startControllerManager() {
    children.add(
        ChildProcess.start(
            "kube-controller-manager",
            List.of(
                KubeBinaries.binary("kube-controller-manager").toString(),
                "--kubeconfig=" + adminKubeconfig,
                "--controllers=namespace,garbagecollector",
                "--leader-elect=false",
                "--secure-port=0",
                "--use-service-account-credentials=false"),
            java.util.Map.of(),
            work.resolve("kube-controller-manager.log")));
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(work.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    children.forEach(ChildProcess::close);
    admin.close();
    server.stop();
    // tokens, audit log and process logs: kept only when asked for (OMNI_E2E_KEEP=true)
    if (!"true".equalsIgnoreCase(System.getenv("OMNI_E2E_KEEP"))) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // best effort: a leftover temp folder is no test failure
      }
    }
  }
}
