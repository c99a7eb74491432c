package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the table cannot say in one line: bodies, records, and follow-ups. */
class PlannerDetailsTest {

  @Test
  void createBodyCarriesWireNamesAndNoSecretOrEnvironment() {
    var i = in().env("environment", "prod");
    i.spec.includeSchemas = List.of("a", "b");
    Plan plan = i.plan();
    assertThat(plan.action()).isEqualTo(Action.CREATE);
    assertThat(plan.create().settingsByWireName())
        .containsEntry("dialect", "postgres")
        .containsEntry("name", "sales")
        .containsEntry("port", 5432)
        .containsEntry("includeSchemas", "a,b")
        .containsEntry("baseRole", "VIEWER")
        .doesNotContainKeys(
            "passwordUnencrypted", "environmentUserAttribute", "passwordSecretRef", "connectionId");
    // the environment is PATCHed by the next reconcile, so it is not recorded as applied
    assertThat(plan.appliedSettings())
        .doesNotContainKey(WireField.ENVIRONMENT_USER_ATTRIBUTE.wire());
    assertThat(plan.appliedSettings()).containsEntry("host", "db.internal");
  }

  @Test
  void maxBillingBytesIsSentAsDigits() {
    var i = in();
    i.spec.dialect = dev.gitops.omni.model.Dialect.bigquery;
    i.spec.maxBillingBytes = 1_000_000_000L;
    assertThat(i.plan().create().settingsByWireName())
        .containsEntry("maxBillingBytes", "1000000000");
  }

  @Test
  void patchCarriesOnlyThePatchableFields() {
    var i = in().observed(live("c1", "sales")).managed("c1");
    i.spec.baseRole = "QUERIER";
    i.versions.put("passwordUnencrypted", "pg/u1/9");
    Plan plan = i.plan();
    assertThat(plan.action()).isEqualTo(Action.PATCH);
    assertThat(plan.patch().fieldNames()).containsExactly("baseRole", "passwordUnencrypted");
    assertThat(plan.patch().baseRole()).isEqualTo("QUERIER");
    assertThat(plan.appliedSettings()).containsEntry(WireField.BASE_ROLE.wire(), "QUERIER");
  }

  /**
   * Omni cannot PATCH host, port, database and the like. An immutable edit made together with
   * patchable ones must not be carried out as a PATCH of the patchable part (which would record the
   * new host as applied, though Omni still has the old one): the whole plan is blocked.
   */
  @Test
  void anImmutableEditIsNeverPatchedEvenAlongsidePatchableOnes() {
    var i = in().observed(live("c1", "sales")).managed("c1");
    var before = i.build().last().appliedSettings();
    i.spec.host = "db2.internal";
    i.spec.baseRole = "QUERIER";
    i.versions.put("passwordUnencrypted", "pg/u1/9");
    Plan plan = i.plan();
    assertThat(plan.action()).isEqualTo(Action.BLOCKED);
    assertThat(plan.reason()).isEqualTo(Reason.REPLACEMENT_REQUIRED);
    assertThat(plan.fields()).containsExactly("host");
    assertThat(plan.patch()).isEqualTo(ConnectionPatch.NONE);
    assertThat(plan.changesOmni()).isFalse();
    assertThat(plan.appliedSettings()).as("nothing recorded as applied").isEqualTo(before);
    assertThat(plan.appliedSettings()).containsEntry("host", "db.internal");
  }

  /** An immutable setting changed in Omni is reported as drift; the PATCH carries only the rest. */
  @Test
  void immutableDriftInOmniIsReportedNotPatchedBack() {
    var i =
        in().observed(
                new dev.gitops.omni.connection.ObservedConnection(
                    "c1", "sales", "postgres", "other_db", null, "MODELER", null, List.of(), null))
            .managed("c1");
    Plan plan = i.plan();
    assertThat(plan.action()).isEqualTo(Action.PATCH);
    assertThat(plan.patch().fieldNames()).containsExactly("baseRole");
    assertThat(plan.drift()).containsExactly(new Plan.Drift("database", "analytics", "other_db"));
    assertThat(plan.message()).contains("database is 'other_db' in Omni");
  }

  @Test
  void environmentRemovalSendsNull() {
    var i =
        in().observed(
                new dev.gitops.omni.connection.ObservedConnection(
                    "c1",
                    "sales",
                    "postgres",
                    "analytics",
                    null,
                    "VIEWER",
                    "env",
                    List.of("p"),
                    null))
            .managed("c1");
    Plan plan = i.plan();
    assertThat(plan.patch().setEnvironment()).isTrue();
    assertThat(plan.patch().environment()).isNull();
  }

  @Test
  void replaceCarriesTheNewSettingsAndRecordsThem() {
    var i = in().observed(live("c1", "sales")).managed("c1");
    i.spec.host = "db2.internal";
    i.spec.replacementPolicy = dev.gitops.omni.model.Policies.ReplacementPolicy.Recreate;
    Plan plan = i.plan();
    assertThat(plan.create().settingsByWireName()).containsEntry("host", "db2.internal");
    assertThat(plan.appliedSettings()).containsEntry("host", "db2.internal");
    assertThat(plan.changesOmni()).isTrue();
  }

  @Test
  void retiresTheReplacedConnectionOnlyUnderDelete() {
    var i = in().observed(live("c1", "sales"), live("c0", "old")).managed("c1");
    i.replaced = "c0";
    assertThat(i.plan().retire()).as("Orphan keeps it").isNull();
    i.deletionPolicy = DeletionPolicy.Delete;
    assertThat(i.plan().retire()).isEqualTo("c0");
    assertThat(i.plan().changesOmni()).isTrue();
  }

  @Test
  void adoptWithoutChangesDoesNotChangeOmni() {
    var i = in().observed(live("c1", "sales"));
    i.versions = null;
    Plan plan = i.plan();
    assertThat(plan.action()).isEqualTo(Action.ADOPT);
    assertThat(plan.changesOmni()).isFalse();
  }

  @Test
  void blockedKeepsTheLastAppliedRecord() {
    var i = in().observed(live("c1", "sales")).managed("c1");
    var before = i.build().last().appliedSettings();
    i.spec.host = "elsewhere";
    Plan plan = i.plan();
    assertThat(plan.blocked()).isTrue();
    assertThat(plan.appliedSettings()).isEqualTo(before);
  }
}
