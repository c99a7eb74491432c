package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two teams on one install of the shipped jar, on a real API server with the chart's RBAC (issue
 * 12): each namespace's OmniInstance reaches its own Omni organisation; a namespace cannot use
 * another's instance nor a ClusterOmniInstance that excludes it; a rotated key is used within
 * seconds without a restart; an instance in use is deleted only after its connections; and the
 * standby replica sends Omni nothing.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenancyIT {
  static final List<String> ARGS = List.of("--poll-interval=5s", "--rate-limit=600");

  static OperatorInstall install;
  static OperatorProcess leader;
  static OperatorProcess standby;

  @BeforeAll
  static void install() {
    install =
        OperatorInstall.startWithInstances(
                SimulatorOptions.defaults().toBuilder()
                    .rateLimitPerMinute(0)
                    .organisation("org-a", "key-a1", "key-a2")
                    .organisation("org-b", "key-b")
                    .build())
            .withChart("replicaCount: 2");
    leader = install.runOperator("omni-operator-a", ARGS);
    await("a leads")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "omni-operator-a".equals(LeaderElectionIT.leaseHolder(install)));
    standby = install.runOperator("omni-operator-b", ARGS);
    String url = install.omni().baseUrl();
    install.cluster().kubectl().runWithInput(teams(url), "apply", "-f", "-").ok();
  }

  /** Two namespaces, each with its key Secret and OmniInstance, and a cluster instance for B. */
  static String teams(String url) {
    StringBuilder y = new StringBuilder();
    for (String[] t : new String[][] {{"team-a", "key-a1"}, {"team-b", "key-b"}}) {
      y.append(Manifests.namespace(t[0]))
          .append("---\n")
          .append(
              """
              apiVersion: v1
              kind: Secret
              metadata: {name: omni-key, namespace: %1$s}
              stringData: {token: %2$s}
              ---
              apiVersion: omni.gitops.dev/v1alpha1
              kind: OmniInstance
              metadata: {name: omni, namespace: %1$s}
              spec:
                url: %3$s
                tokenSecretRef: {name: omni-key}
                requestsPerMinute: 600
              ---
              """
                  .formatted(t[0], t[1], url));
    }
    y.append(
        """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: ClusterOmniInstance
        metadata: {name: team-b-only}
        spec:
          url: %s
          tokenSecretRef: {name: omni-key, namespace: team-b}
          namespaces: {names: [team-b]}
        """
            .formatted(url));
    return y.toString();
  }

  static String connection(String ns, String name, String kind, String instance) {
    return Manifests.postgres(
        ns,
        name,
        "pw-1",
        "deletionPolicy: Delete\ninstanceRef: {kind: " + kind + ", name: " + instance + "}");
  }

  @AfterAll
  static void uninstall() {
    if (install != null) {
      install.close();
    }
  }

  @Test
  @Order(1)
  void eachTeamReachesItsOwnOrganisationAndNoOther() {
    var kubectl = install.cluster().kubectl();
    kubectl
        .runWithInput(
            connection("team-a", "sales", "OmniInstance", "omni")
                + "---\n"
                + connection("team-b", "sales", "OmniInstance", "omni")
                + "---\n"
                + connection("team-a", "sneaky", "ClusterOmniInstance", "team-b-only"),
            "apply",
            "-f",
            "-")
        .ok();
    install.awaitReady("team-a", "sales");
    install.awaitReady("team-b", "sales");
    await("team-a/sneaky refused")
        .atMost(Duration.ofSeconds(30))
        .until(() -> reason("team-a", "sneaky", "Stalled").equals("InstanceNotAllowed"));

    assertThat(install.omni().connections("org-a"))
        .extracting(c -> c.name())
        .containsExactly("team-a sales");
    assertThat(install.omni().connections("org-b"))
        .extracting(c -> c.name())
        .containsExactly("team-b sales");
    assertThat(install.omni().journal()).noneMatch(j -> "team-a sneaky".equals(j.name()));
    assertThat(install.deniedToOperator()).as("requests RBAC refused").isEmpty();
  }

  @Test
  @Order(2)
  void theStandbySendsOmniNothing() {
    await("the standby sends Omni nothing over two poll intervals")
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(() -> standby.omniRequests() == 0 && leader.alive());
    assertThat(leader.omniRequests()).isPositive();
  }

  @Test
  @Order(3)
  void aRotatedKeyIsUsedWithinSeconds() {
    var kubectl = install.cluster().kubectl();
    setToken("team-a", "revoked");
    awaitInstance("team-a", "Unauthorized", Duration.ofSeconds(15));
    setToken("team-a", "key-a2");
    awaitInstance("team-a", "Available", Duration.ofSeconds(15));
    kubectl
        .run(
            "-n",
            "team-a",
            "patch",
            "omniconnection",
            "sales",
            "--type=merge",
            "-p",
            "{\"spec\":{\"baseRole\":\"QUERIER\"}}")
        .ok();
    await("PATCH sent with the rotated key")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                install.omni().connections("org-a").stream()
                    .anyMatch(c -> "QUERIER".equals(c.baseRole())));
  }

  @Test
  @Order(4)
  void anInstanceInUseWaitsForItsConnections() {
    var kubectl = install.cluster().kubectl();
    kubectl.run("-n", "team-b", "delete", "omniinstance", "omni", "--wait=false").ok();
    awaitInstance("team-b", "InUse", Duration.ofSeconds(20));
    assertThat(instance("team-b").getStatus().usedBy).containsExactly("team-b/sales");

    kubectl.run("-n", "team-b", "delete", "omniconnection", "sales", "--wait=false").ok();
    await("the instance goes once its connection is gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> instance("team-b") == null);
    assertThat(install.omni().connections("org-b"))
        .as("archived through its own instance before the instance went")
        .allMatch(c -> c.archived());
  }

  private static void setToken(String ns, String token) {
    install
        .cluster()
        .kubectl()
        .run(
            "-n",
            ns,
            "patch",
            "secret",
            "omni-key",
            "--type=merge",
            "-p",
            "{\"stringData\":{\"token\":\"" + token + "\"}}")
        .ok();
  }

  private static OmniInstance instance(String ns) {
    return install
        .cluster()
        .admin()
        .resources(OmniInstance.class)
        .inNamespace(ns)
        .withName("omni")
        .get();
  }

  private static void awaitInstance(String ns, String reason, Duration within) {
    await(ns + " instance " + reason)
        .atMost(within)
        .until(
            () -> {
              OmniInstance i = instance(ns);
              return i != null
                  && i.getStatus() != null
                  && i.getStatus().conditions.stream()
                      .anyMatch(c -> c.getType().equals("Ready") && reason.equals(c.getReason()));
            });
  }

  private static String reason(String ns, String name, String type) {
    OmniConnection c = install.get(ns, name);
    return OperatorInstall.condition(c, type)
        .filter(x -> "True".equals(x.getStatus()))
        .map(x -> x.getReason())
        .orElse("");
  }
}
