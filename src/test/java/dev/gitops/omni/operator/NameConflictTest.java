package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two resources naming one Omni connection: exactly one wins, the other stalls as a Conflict and
 * takes the connection over when the winner goes or is renamed away.
 */
class NameConflictTest {
  @RegisterExtension final HarnessPerTest rig = new HarnessPerTest();
  Harness h;

  void start() {
    h = rig.startedWithPostgresSecret();
  }

  @Test
  void twoResourcesNamingOneConnectionGiveExactlyOneConflict() {
    start();
    String id =
        h.sim.seed(Map.of("dialect", "postgres", "name", "shared", "passwordUnencrypted", "x"));
    OmniConnection a = postgres("a");
    a.getSpec().connectionId = id;
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().connectionId = id;
    b.getSpec().name = "shared";
    h.apply(a);
    h.awaitReady("a");
    h.apply(b);
    var conflict = h.awaitStalled("b", "Conflict");
    assertThat(conflict.getMessage()).contains("team/a");
    assertThat(h.is("a", "Ready", "True")).isTrue();
    assertThat(h.get("a").getStatus().connectionId).isEqualTo(id);
    assertThat(h.get("b").getStatus().connectionId).isNull();
  }

  @Test
  void twoNewResourcesWantingOneNameMakeOneConnectionAndOneConflict() {
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(b);
    h.apply(a);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                (h.is("a", "Ready", "True") && h.is("b", "Stalled", "True"))
                    || (h.is("b", "Ready", "True") && h.is("a", "Stalled", "True")));
    String loser = h.is("a", "Ready", "True") ? "b" : "a";
    assertThat(h.condition(loser, "Stalled").orElseThrow().getReason()).isEqualTo("Conflict");
    assertThat(h.sim.connections()).hasSize(1);
    assertThat(h.calls("create")).hasSize(1);
  }

  @Test
  void theLoserOfAConflictTakesTheConnectionOverWhenTheWinnerGoes() {
    // Omni's list does not change when the winner is deleted (Orphan) or renamed away, so the
    // poller never triggers the loser: the winner's going must
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(a);
    String id = h.awaitReady("a").getStatus().connectionId;
    h.apply(b);
    h.awaitStalled("b", "Conflict");

    h.delete("a");

    await("b takes connection " + id + " over")
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.get("a") == null && h.is("b", "Ready", "True"));
    assertThat(h.get("b").getStatus().connectionId).isEqualTo(id);
    assertThat(h.calls("create")).as("nothing created twice").hasSize(1);
  }

  @Test
  void theLoserOfAConflictTakesTheConnectionOverWhenTheWinnerIsRenamedAway() {
    start();
    OmniConnection a = postgres("a");
    a.getSpec().name = "shared";
    a.getSpec().replacementPolicy = dev.gitops.omni.model.Policies.ReplacementPolicy.Recreate;
    OmniConnection b = postgres("b");
    b.getSpec().name = "shared";
    h.apply(a);
    String shared = h.awaitReady("a").getStatus().connectionId;
    h.apply(b);
    h.awaitStalled("b", "Conflict");

    h.edit("a", r -> r.getSpec().name = "renamed");

    await("b takes connection " + shared + " over")
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.is("b", "Ready", "True"));
    assertThat(h.get("b").getStatus().connectionId).isEqualTo(shared);
    assertThat(h.get("a").getStatus().connectionId).isNotEqualTo(shared);
  }
}
