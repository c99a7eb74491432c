package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What stops the shipped jar at start on a real API server is said in one line naming the fix: no
 * CRD, no RBAC. (It used to be the SDK's informer failing with a stack trace per retry.)
 */
@RealApiServer
class OperatorStartupIT {
  static RealCluster cluster;
  static OmniSimulator omni;

  @BeforeAll
  static void start() {
    cluster = RealCluster.start();
    omni = OmniSimulator.start(SimulatorOptions.defaults());
    cluster.kubectl().run("create", "namespace", "omni-operator").ok();
  }

  @AfterAll
  static void stop() {
    if (omni != null) {
      omni.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static String exitLine(String identity, Path kubeconfig) {
    try (OperatorProcess p =
        OperatorProcess.start(
            identity,
            kubeconfig,
            omni.baseUrl(),
            SimulatorOptions.DEFAULT_TOKEN,
            Map.of(),
            List.of())) {
      await(identity + " exits").atMost(Duration.ofSeconds(60)).until(() -> !p.alive());
      return p.log().strip();
    }
  }

  @Test
  void withoutTheCrdOrWithoutRbacTheJarSaysSoInOneLine() {
    String noCrd = exitLine("no-crd", cluster.adminKubeconfig());
    assertThat(noCrd.lines().filter(l -> !l.startsWith("NOTE: Picked up")))
        .singleElement()
        .asString()
        .startsWith(
            "error: the OmniConnection CRD is not installed in the cluster at https://127.0.0.1:")
        .endsWith("kubectl apply --server-side -f crds/");

    cluster.kubectl().installCrd(Path.of("crds", "omniconnections.omni.gitops.dev-v1.yml"));
    String noRbac =
        exitLine("no-rbac", cluster.serviceAccountKubeconfig("omni-operator", "nobody"));
    assertThat(noRbac.lines().filter(l -> !l.startsWith("NOTE: Picked up")))
        .singleElement()
        .asString()
        .startsWith("error: the operator may not list omniconnections in all namespaces (403")
        .endsWith("apply the RBAC in deploy/, or install the chart with rbac.create=true");
  }
}
