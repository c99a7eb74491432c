package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API (the Fabric8 mock server in CRUD mode) on a loopback port, with the
 * operator's CRDs installed (OmniConnection, OmniInstance, ClusterOmniInstance). It stores and
 * watches resources like an API server but has no server-side apply, admission or CEL: the
 * operator's own Java rules still apply. Its store is indexed ({@link IndexedCrudDispatcher}) so
 * that tens of thousands of objects stay fast.
 */
public final class EmbeddedKubernetes implements AutoCloseable {
  /** The CRD as generated from the model, packaged into the jar by the build. */
  public static final String CRD_RESOURCE =
      "/META-INF/fabric8/omniconnections.omni.gitops.dev-v1.yml";

  /** Every CRD the operator serves, the OmniConnection one first. */
  public static final List<String> CRD_RESOURCES =
      List.of(
          CRD_RESOURCE,
          "/META-INF/fabric8/omniinstances.omni.gitops.dev-v1.yml",
          "/META-INF/fabric8/clusteromniinstances.omni.gitops.dev-v1.yml");

  /** Held so the setting sticks: java.util.logging keeps its loggers only weakly. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedKubernetes(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static EmbeddedKubernetes start() {
    return start(new IndexedCrudDispatcher());
  }

  /** Starts with the given dispatcher (tests compare the indexed one with Fabric8's own). */
  static EmbeddedKubernetes start(KubernetesCrudDispatcher dispatcher) {
    // the mock server logs every request at INFO through java.util.logging: keep it for problems
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    var server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesClient client = server.createClient();
    CRD_RESOURCES.forEach(path -> install(client, path));
    return new EmbeddedKubernetes(server, client);
  }

  private static void install(KubernetesClient client, String path) {
    try (InputStream crd = EmbeddedKubernetes.class.getResourceAsStream(path)) {
      if (crd == null) {
        throw new IllegalStateException("the CRD " + path + " is missing from the classpath");
      }
      CustomResourceDefinition def =
          client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client.apiextensions().v1().customResourceDefinitions().resource(def).create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the CRD " + path, e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return client.getMasterUrl().toString();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
