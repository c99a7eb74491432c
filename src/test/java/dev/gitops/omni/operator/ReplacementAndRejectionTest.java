package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specs Omni cannot apply: an immutable edit needs replacement (Recreate archives or leaves the old
 * connection), Omni's rejection stalls without looping, an invalid spec stalls before any call.
 */
class ReplacementAndRejectionTest {
  @RegisterExtension final HarnessPerTest rig = new HarnessPerTest();
  Harness h;

  void start() {
    h = rig.startedWithPostgresSecret();
  }

  @Test
  void anImmutableEditNeedsReplacementAndRecreateSwitchesAndArchivesTheOld() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().deletionPolicy = DeletionPolicy.Delete;
    h.apply(r);
    String oldId = h.awaitReady("sales").getStatus().connectionId;

    h.edit("sales", x -> x.getSpec().host = "db2.internal");
    var stalled = h.awaitStalled("sales", "ReplacementRequired");
    assertThat(stalled.getMessage()).contains("host").contains("replacementPolicy: Recreate");
    assertThat(h.calls("create")).hasSize(1);

    h.edit("sales", x -> x.getSpec().replacementPolicy = ReplacementPolicy.Recreate);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.is("sales", "Ready", "True")
                    && !oldId.equals(h.get("sales").getStatus().connectionId));
    String newId = h.get("sales").getStatus().connectionId;
    assertThat(h.sim.connection(newId).orElseThrow().settings())
        .containsEntry("host", "db2.internal");
    assertThat(h.sim.connection(oldId).orElseThrow().archived()).isTrue();
    assertThat(h.get("sales").getStatus().replacedConnectionId).isNull();
    assertThat(h.events("sales")).anyMatch(e -> "Replaced".equals(e.getReason()));
  }

  @Test
  void recreateUnderOrphanLeavesTheOldConnectionAndSaysSo() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().replacementPolicy = ReplacementPolicy.Recreate;
    h.apply(r);
    String oldId = h.awaitReady("sales").getStatus().connectionId;
    h.edit("sales", x -> x.getSpec().port = 6432);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !oldId.equals(h.get("sales").getStatus().connectionId)
                    && h.is("sales", "Ready", "True"));
    assertThat(h.sim.connection(oldId).orElseThrow().archived()).isFalse();
    assertThat(h.get("sales").getStatus().replacedConnectionId).isEqualTo(oldId);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                h.condition("sales", "Ready").orElseThrow().getMessage().contains("left in Omni"));
  }

  @Test
  void omniRejectingTheCreateStallsWithItsDetailAndDoesNotLoop() {
    start();
    OmniConnection r = postgres("sales");
    r.getSpec().baseRole = "NOT_A_ROLE";
    h.apply(r);
    var stalled = h.awaitStalled("sales", "OmniRejected");
    assertThat(stalled.getMessage()).contains("Bad Request: baseRole: Invalid enum value");
    await("no retry until something changes")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> h.calls("create").size() == 1);
    assertThat(h.get("sales").getMetadata().getAnnotations())
        .doesNotContainKey(OmniConnection.CREATE_PENDING_ANNOTATION);

    h.edit("sales", x -> x.getSpec().baseRole = "VIEWER");
    h.awaitReady("sales");
    assertThat(h.calls("create")).hasSize(2);
    assertThat(h.sim.connections()).hasSize(1);
  }

  @Test
  void anInvalidSpecStallsBeforeAnyCall() {
    start();
    OmniConnection r = postgres("lake");
    r.getSpec().dialect = dev.gitops.omni.model.Dialect.snowflake;
    r.getSpec().host = "myorg.snowflakecomputing.com";
    r.getSpec().port = null;
    h.apply(r);
    var stalled = h.awaitStalled("lake", "InvalidSpec");
    assertThat(stalled.getMessage()).contains("spec.host").contains("spec.warehouse");
    assertThat(h.sim.totalRequests()).isZero();
  }
}
