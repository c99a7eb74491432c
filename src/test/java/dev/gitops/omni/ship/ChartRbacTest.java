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
 * The chart's RBAC: exactly the rights the operator needs, cluster-wide or per watched namespace,
 * and lease rights when leader election is on.
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
          "/secrets: get,list,watch",
          "/events: create,patch");

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
    assertThat(rules(role)).isEqualTo(WATCH_RULES);
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
  void watchNamespacesGrantsARolePerNamespaceAndNoClusterRights() {
    var objects = renderWithValues("watchNamespaces: [team-a, team-b]");
    assertThat(ofKind(objects, "ClusterRole")).isEmpty();
    assertThat(ofKind(objects, "ClusterRoleBinding")).isEmpty();
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

  @Test
  void noRuleGrantsWildcardsDeletesOrClusterObjects() {
    var objects = new ArrayList<>(defaults);
    objects.addAll(render(Map.of("replicaCount", 2)));
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
          assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
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
