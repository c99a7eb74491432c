package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC: exactly the rights the operator needs, cluster-wide or per watched namespace
 * (with the cluster-scoped instance rights cluster-wide in both), and lease rights when leader
 * election is on.
 */
class ChartRbacTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  /** The rights the operator needs in each namespace it watches, and nothing else. */
  static final Set<String> WATCH_RULES =
      Set.of(
          "omni.gitops.dev/omniconnections: get,list,watch,update,patch",
          "omni.gitops.dev/omniconnections/status: get,update,patch",
          "omni.gitops.dev/omniconnections/finalizers: update",
          "omni.gitops.dev/omniinstances: get,list,watch,update,patch",
          "omni.gitops.dev/omniinstances/status: get,update,patch",
          "omni.gitops.dev/omniinstances/finalizers: update",
          "/secrets: get,list,watch",
          "/events: create,patch");

  /**
   * The rights it needs cluster-wide whatever it watches: ClusterOmniInstances (cluster-scoped,
   * with the in-use finalizer and status) and the labels of a connection's namespace, matched
   * against a ClusterOmniInstance's selector.
   */
  static final Set<String> CLUSTER_RULES =
      Set.of(
          "omni.gitops.dev/clusteromniinstances: get,list,watch,update,patch",
          "omni.gitops.dev/clusteromniinstances/status: get,update,patch",
          "omni.gitops.dev/clusteromniinstances/finalizers: update",
          "/namespaces: get");

  static Set<String> allRules() {
    Set<String> all = new TreeSet<>(WATCH_RULES);
    all.addAll(CLUSTER_RULES);
    return all;
  }

  static Set<String> rules(JsonNode role) {
    Set<String> out = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> verbs = new ArrayList<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          out.add(group.asText() + "/" + resource.asText() + ": " + String.join(",", verbs));
        }
      }
    }
    return out;
  }

  @Test
  void allNamespacesModeBindsAClusterRoleWithExactlyTheNeededRights() {
    JsonNode role = one(defaults, "ClusterRole");
    assertThat(rules(role)).isEqualTo(allRules());
    JsonNode binding = one(defaults, "ClusterRoleBinding");
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText())
        .isEqualTo(one(defaults, "ServiceAccount").at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("omni-operator");
    assertThat(ofKind(defaults, "Role")).as("no lease rights without leader election").isEmpty();
    assertThat(env(defaults)).containsEntry("WATCH_NAMESPACES", "");
  }

  @Test
  void watchNamespacesGrantsARolePerNamespaceAndOnlyTheClusterInstanceRightsClusterWide() {
    var objects = renderWithValues("watchNamespaces: [team-a, team-b]");
    JsonNode cluster = one(objects, "ClusterRole");
    assertThat(cluster.at("/metadata/name").asText()).isEqualTo("omni-operator-cluster-instances");
    assertThat(rules(cluster)).isEqualTo(CLUSTER_RULES);
    JsonNode clusterBinding = one(objects, "ClusterRoleBinding");
    assertThat(clusterBinding.at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
    assertThat(clusterBinding.at("/roleRef/name").asText())
        .isEqualTo("omni-operator-cluster-instances");
    assertThat(clusterBinding.at("/subjects/0/name").asText()).isEqualTo("omni-operator");
    assertThat(clusterBinding.at("/subjects/0/namespace").asText()).isEqualTo("omni-operator");
    assertThat(ofKind(objects, "Role")).hasSize(2);
    for (String ns : List.of("team-a", "team-b")) {
      JsonNode role =
          ofKind(objects, "Role").stream()
              .filter(r -> ns.equals(r.at("/metadata/namespace").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Role in " + ns));
      assertThat(rules(role)).isEqualTo(WATCH_RULES);
      JsonNode binding =
          ofKind(objects, "RoleBinding").stream()
              .filter(r -> ns.equals(r.at("/metadata/namespace").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no RoleBinding in " + ns));
      assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
      assertThat(binding.at("/roleRef/name").asText())
          .isEqualTo(role.at("/metadata/name").asText());
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("omni-operator");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("omni-operator");
    }
    assertThat(env(objects)).containsEntry("WATCH_NAMESPACES", "team-a,team-b");
  }

  /**
   * The chart's ClusterOmniInstance reads its key with a GET: in namespaced mode, a Role grants
   * exactly that on its one Secret, unless its namespace is watched (its Role has it already).
   */
  @Test
  void theChartsClusterInstanceMayReadItsKeyInNamespacedMode() {
    var objects =
        renderWithValues(
            """
            watchNamespaces: [team-a]
            omni: {url: https://myorg.omniapp.co, existingSecret: omni-api-key}
            clusterInstance: {create: true}
            """);
    JsonNode token =
        ofKind(objects, "Role").stream()
            .filter(r -> "omni-operator".equals(r.at("/metadata/namespace").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Role in the release namespace"));
    assertThat(token.at("/metadata/name").asText()).isEqualTo("omni-operator-instance-token");
    assertThat(rules(token)).containsExactly("/secrets: get");
    assertThat(token.at("/rules/0/resourceNames").toString()).isEqualTo("[\"omni-api-key\"]");
    JsonNode binding =
        ofKind(objects, "RoleBinding").stream()
            .filter(r -> "omni-operator".equals(r.at("/metadata/namespace").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("omni-operator-instance-token");

    var watched =
        renderWithValues(
            """
            watchNamespaces: [team-a, omni-operator]
            omni: {url: https://myorg.omniapp.co}
            clusterInstance: {create: true}
            """);
    assertThat(ofKind(watched, "Role"))
        .extracting(r -> r.at("/metadata/name").asText())
        .as("the watched release namespace's Role already reads Secrets")
        .containsOnly("omni-operator");
    var allNamespaces =
        render(Map.of("omni.url", "https://myorg.omniapp.co", "clusterInstance.create", true));
    assertThat(ofKind(allNamespaces, "Role")).as("the ClusterRole reads Secrets").isEmpty();
  }

  @Test
  void noRuleGrantsWildcardsDeletesOrClusterObjects() {
    var objects = new ArrayList<>(defaults);
    objects.addAll(render(Map.of("replicaCount", 2)));
    objects.addAll(
        renderWithValues(
            """
            watchNamespaces: [team-a]
            omni: {url: https://myorg.omniapp.co}
            clusterInstance: {create: true}
            """));
    for (JsonNode role : objects) {
      if (!role.path("kind").asText().endsWith("Role")) {
        continue;
      }
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.toString()).doesNotContain("\"*\"");
        assertThat(rule.path("verbs").toString())
            .doesNotContain("delete")
            .doesNotContain("escalate")
            .doesNotContain("bind");
        assertThat(rule.path("apiGroups").toString()).doesNotContain("apiextensions");
        if (rule.path("resources").toString().contains("secrets")) {
          assertThat(rule.path("verbs").toString())
              .as("Secrets are read, never written: watched, or one Secret by name")
              .isEqualTo(rule.has("resourceNames") ? "[\"get\"]" : "[\"get\",\"list\",\"watch\"]");
        }
        if (rule.path("resources").toString().contains("namespaces")) {
          assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\"]");
        }
      }
    }
  }

  @Test
  void twoReplicasTurnOnLeaderElectionWithLeaseRightsInTheReleaseNamespace() {
    var objects = render(Map.of("replicaCount", 2));
    assertThat(one(objects, "Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(env(objects)).containsEntry("LEADER_ELECTION", "true");
    assertThat(env(objects).get("POD_NAMESPACE")).contains("metadata.namespace");
    assertThat(one(objects, "Deployment").at("/spec/strategy/type").asText())
        .isEqualTo("RollingUpdate");
    JsonNode lease = one(objects, "Role");
    assertThat(lease.at("/metadata/namespace").asText()).isEqualTo("omni-operator");
    assertThat(rules(lease)).containsExactly("coordination.k8s.io/leases: get,create,update,patch");
    JsonNode binding = one(objects, "RoleBinding");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(lease.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("omni-operator");
    assertThat(one(objects, "ClusterRole")).as("watch rights unchanged").isNotNull();

    var asked = render(Map.of("leaderElection.enabled", true));
    assertThat(env(asked)).containsEntry("LEADER_ELECTION", "true");
    assertThat(ofKind(asked, "Role")).hasSize(1);
  }

  @Test
  void leaseRightsFollowTheReleaseNamespaceInNamespacedMode() {
    var objects = renderWithValues("replicaCount: 3\nwatchNamespaces: [team-a]");
    assertThat(ofKind(objects, "Role"))
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("team-a", "omni-operator");
  }
}
