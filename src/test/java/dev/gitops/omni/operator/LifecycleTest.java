package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create, adopt, update and rotate: status and the exact Omni calls. */
class LifecycleTest {
  Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness().start();
    h.secret("pg", "password", "s3cret-one");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void createsAConnectionAndReportsReadyWithItsId() {
    h.apply(postgres("sales"));
    OmniConnection r = h.awaitReady("sales");

    assertThat(r.getStatus().connectionId).isNotBlank();
    assertThat(h.calls("create")).hasSize(1);
    assertThat(h.calls("create").get(0).bodyKeys())
        .contains("dialect", "name", "host", "passwordUnencrypted")
        .doesNotContain("environmentUserAttribute");
    assertThat(h.sim.connections()).hasSize(1);
    var created = h.sim.connections().get(0);
    assertThat(created.id()).isEqualTo(r.getStatus().connectionId);
    assertThat(created.name()).isEqualTo("sales");
    assertThat(h.sim.secretMatches(created.id(), "passwordUnencrypted", "s3cret-one")).isTrue();
    assertThat(r.getStatus().omniName).isEqualTo("sales");
    assertThat(r.getStatus().credentialsVersion).containsKey("passwordUnencrypted");
    assertThat(r.getStatus().credentialsVersion.get("passwordUnencrypted"))
        .doesNotContain("s3cret");
    assertThat(r.getStatus().appliedSettings).containsEntry("host", "db.internal");
    assertThat(r.getStatus().observedGeneration).isEqualTo(r.getMetadata().getGeneration());
    assertThat(h.is("sales", "Synced", "True")).isTrue();
    assertThat(h.is("sales", "Reconciling", "False")).isTrue();
    assertThat(h.is("sales", "Stalled", "False")).isTrue();
    // the mark stays, settled by the status write that stored the id (no write to remove it)
    assertThat(r.getMetadata().getAnnotations().get(OmniConnection.CREATE_PENDING_ANNOTATION))
        .isEqualTo(r.getStatus().settledCreateMark);
    assertThat(r.unsettledCreateMark()).isNull();
    assertThat(r.getMetadata().getFinalizers()).contains(OmniConnection.FINALIZER);
    assertThat(h.events("sales")).anyMatch(e -> "Created".equals(e.getReason()));
  }

  @Test
  void adoptsAnExistingConnectionByExactNameWithoutCreating() {
    String id =
        h.sim.seed(
            Map.of(
                "dialect",
                "postgres",
                "name",
                "sales",
                "database",
                "analytics",
                "passwordUnencrypted",
                "old",
                "baseRole",
                "VIEWER"));
    h.sim.seed(Map.of("dialect", "postgres", "name", "sales-eu", "passwordUnencrypted", "x"));
    h.apply(postgres("sales"));
    OmniConnection r = h.awaitReady("sales");

    assertThat(r.getStatus().connectionId).isEqualTo(id);
    assertThat(h.calls("create")).isEmpty();
    // adoption sends the credentials once, since Omni's current ones cannot be read
    assertThat(h.calls("patch")).hasSize(1);
    assertThat(h.calls("patch").get(0).bodyKeys()).containsExactly("passwordUnencrypted");
    assertThat(h.events("sales")).anyMatch(e -> "Adopted".equals(e.getReason()));
  }

  @Test
  void adoptsByConnectionIdWhateverItsName() {
    String id =
        h.sim.seed(
            Map.of("dialect", "postgres", "name", "Legacy Sales", "passwordUnencrypted", "o"));
    OmniConnection r = postgres("sales");
    r.getSpec().connectionId = id;
    r.getSpec().name = "Legacy Sales";
    r.getSpec().database = null;
    h.apply(r);
    OmniConnection ready = h.awaitReady("sales");

    assertThat(ready.getStatus().connectionId).isEqualTo(id);
    assertThat(h.calls("create")).isEmpty();
  }

  @Test
  void aBaseRoleEditSendsExactlyOnePatchCarryingOnlyBaseRole() {
    h.apply(postgres("sales"));
    h.awaitReady("sales");
    h.sim.clearJournal();

    h.edit("sales", r -> r.getSpec().baseRole = "QUERIER");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.generationObserved("sales") && h.is("sales", "Ready", "True"));

    assertThat(h.calls("patch")).hasSize(1);
    assertThat(h.calls("patch").get(0).bodyKeys()).containsExactly("baseRole");
    assertThat(h.calls("create")).isEmpty();
    assertThat(h.sim.connections().get(0).baseRole()).isEqualTo("QUERIER");
    assertThat(h.events("sales")).anyMatch(e -> "Updated".equals(e.getReason()));
  }

  @Test
  void aRotatedSecretIsPatchedWithinSeconds() {
    h.apply(postgres("sales"));
    String id = h.awaitReady("sales").getStatus().connectionId;
    String before = h.get("sales").getStatus().credentialsVersion.get("passwordUnencrypted");
    h.sim.clearJournal();

    h.secret("pg", "password", "s3cret-two");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.sim.secretMatches(id, "passwordUnencrypted", "s3cret-two"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                !before.equals(
                    h.get("sales").getStatus().credentialsVersion.get("passwordUnencrypted")));

    assertThat(h.calls("patch")).hasSize(1);
    assertThat(h.calls("patch").get(0).bodyKeys()).containsExactly("passwordUnencrypted");
    assertThat(h.events("sales")).anyMatch(e -> "CredentialsRotated".equals(e.getReason()));
  }

  @Test
  void aMissingSecretStallsNamingItAndRecoversWhenItAppears() {
    OmniConnection r = postgres("sales");
    r.getSpec().passwordSecretRef = new dev.gitops.omni.model.SecretKeyRef("later", "pw");
    h.apply(r);
    var stalled = h.awaitStalled("sales", "CredentialsNotFound");
    assertThat(stalled.getMessage()).contains("team/later").contains("pw");
    assertThat(h.is("sales", "Ready", "False")).isTrue();
    assertThat(h.writes()).isZero();

    h.secret("later", "pw", "now-here");
    OmniConnection ready = h.awaitReady("sales");
    assertThat(
            h.sim.secretMatches(ready.getStatus().connectionId, "passwordUnencrypted", "now-here"))
        .isTrue();
  }

  @Test
  void invalidServiceAccountJsonStallsWithoutCallingOmni() {
    h.secret("bq", "sa.json", "{\"type\":\"service_account\",\"project_id\":\"p\"}");
    OmniConnection r = postgres("warehouse");
    r.getSpec().dialect = dev.gitops.omni.model.Dialect.bigquery;
    r.getSpec().host = null;
    r.getSpec().port = null;
    r.getSpec().passwordSecretRef = new dev.gitops.omni.model.SecretKeyRef("bq", "sa.json");
    h.apply(r);

    var stalled = h.awaitStalled("warehouse", "InvalidCredentials");
    assertThat(stalled.getMessage())
        .contains("team/bq")
        .contains("service-account JSON")
        .contains("private_key_id");
    assertThat(h.sim.totalRequests()).as("no call to Omni at all").isZero();
  }

  @Test
  void anEnvironmentAttributeIsPatchedRightAfterTheCreate() {
    OmniConnection r = postgres("sales");
    r.getSpec().environmentUserAttribute =
        new dev.gitops.omni.model.EnvironmentUserAttribute("environment", List.of("prod"));
    h.apply(r);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.is("sales", "Ready", "True")
                    && !h.sim.connections().isEmpty()
                    && "environment".equals(h.sim.connections().get(0).environmentAttributeName()));
    assertThat(h.calls("create")).hasSize(1);
    assertThat(h.calls("patch")).hasSize(1);
    assertThat(h.calls("patch").get(0).bodyKeys()).containsExactly("environmentUserAttribute");
  }
}
