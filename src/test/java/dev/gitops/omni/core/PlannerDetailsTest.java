package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

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
  void patchNeverCarriesAnImmutableField() {
    var i = in().observed(live("c1", "sales")).managed("c1");
    i.spec.baseRole = "QUERIER";
    i.versions.put("passwordUnencrypted", "pg/u1/9");
    Plan plan = i.plan();
    assertThat(plan.patch().fieldNames())
        .containsExactly("baseRole", "passwordUnencrypted")
        .allMatch(
            f ->
                List.of("baseRole", "environmentUserAttribute", "passwordUnencrypted", "privateKey")
                    .contains(f));
    assertThat(plan.patch().baseRole()).isEqualTo("QUERIER");
    assertThat(plan.appliedSettings()).containsEntry(WireField.BASE_ROLE.wire(), "QUERIER");
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
