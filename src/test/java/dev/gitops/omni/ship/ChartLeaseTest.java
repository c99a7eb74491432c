package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.renderRelease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each release elects its leader through its own Lease: two releases never share one. */
class ChartLeaseTest {

  @Test
  void twoReleasesInOneNamespaceGetTwoLeases() {
    var a = env(renderRelease("team-a", Map.of("replicaCount", 2)));
    var b = env(renderRelease("team-b", Map.of("replicaCount", 2)));
    assertThat(a).containsEntry("LEADER_ELECTION", "true");
    assertThat(a.get("LEASE_NAME")).isEqualTo("team-a-omni-operator-leader");
    assertThat(b.get("LEASE_NAME")).isEqualTo("team-b-omni-operator-leader");
  }

  @Test
  void aLeaseNameCanBeSetAndMustBeAValidName() {
    var set =
        env(
            renderRelease(
                "omni-operator",
                Map.of("leaderElection.enabled", true, "leaderElection.leaseName", "omni.leader")));
    assertThat(set).containsEntry("LEASE_NAME", "omni.leader");
    assertThatThrownBy(
            () ->
                renderRelease(
                    "omni-operator",
                    Map.of("leaderElection.enabled", true, "leaderElection.leaseName", "Bad_Name")))
        .hasMessageContaining("leaseName");
  }
}
