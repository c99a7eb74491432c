package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.archived;
import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlanInput.Claim;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import dev.gitops.omni.model.SecretKeyRef;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per planner outcome and per rule. */
class PlannerTest {

  /**
   * What a row expects. Null fields are not checked, except {@code retire}: a plan retires nothing
   * unless the row says which connection.
   */
  record Expect(
      Action action,
      String reason,
      String connectionId,
      List<String> fields,
      Boolean writes,
      String messageContains,
      String retire) {
    static Expect of(Action a, String reason) {
      return new Expect(a, reason, null, null, null, null, null);
    }

    Expect id(String id) {
      return new Expect(action, reason, id, fields, writes, messageContains, retire);
    }

    Expect withFields(String... f) {
      return new Expect(action, reason, connectionId, List.of(f), writes, messageContains, retire);
    }

    Expect writes(boolean w) {
      return new Expect(action, reason, connectionId, fields, w, messageContains, retire);
    }

    Expect says(String text) {
      return new Expect(action, reason, connectionId, fields, writes, text, retire);
    }

    Expect retires(String id) {
      return new Expect(action, reason, connectionId, fields, writes, messageContains, id);
    }
  }

  static Arguments row(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    return Arguments.of(name, input, expect);
  }

  static ObservedConnection withRole(String id, String name, String role) {
    return new ObservedConnection(
        id, name, "postgres", "analytics", null, role, null, List.of(), null);
  }

  static ObservedConnection withEnv(String id, String name, String attr, String... values) {
    return new ObservedConnection(
        id, name, "postgres", "analytics", null, "VIEWER", attr, List.of(values), null);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // --- create -----------------------------------------------------------------------
        row("nothing in Omni → create", () -> in(), Expect.of(Action.CREATE, "Creating")),
        row(
            "same name, other dialect → create",
            () ->
                in().observed(
                        new ObservedConnection(
                            "c1", "sales", "mysql", null, null, null, null, null, null)),
            Expect.of(Action.CREATE, "Creating")),
        row(
            "name match is case-sensitive → create",
            () -> in().observed(live("c1", "Sales")),
            Expect.of(Action.CREATE, "Creating")),
        row(
            "archived same-name connection is not adopted → create",
            () -> in().observed(archived("c1", "sales")),
            Expect.of(Action.CREATE, "Creating")),
        row(
            "create-pending, no match after refresh → create",
            () -> {
              var i = in();
              i.createPending = true;
              return i;
            },
            Expect.of(Action.CREATE, "Creating")),
        // --- adopt ------------------------------------------------------------------------
        row(
            "exact name and dialect → adopt and send credentials",
            () -> in().observed(live("c1", "sales")),
            Expect.of(Action.ADOPT, "Adopting").id("c1").withFields("passwordUnencrypted")),
        row(
            "create-pending and the lost POST's connection is listed → adopt, no second create",
            () -> {
              var i = in().observed(live("c1", "sales"));
              i.createPending = true;
              return i;
            },
            Expect.of(Action.ADOPT, "Adopting").id("c1")),
        row(
            "adopt with a different baseRole → adopt and patch it",
            () -> in().observed(withRole("c1", "sales", "QUERIER")),
            Expect.of(Action.ADOPT, "Adopting")
                .id("c1")
                .withFields("baseRole", "passwordUnencrypted")),
        row(
            "spec.connectionId → adopt that id when it matches the spec",
            () -> {
              var i = in().spec(s -> s.connectionId = "c9").observed(live("c9", "legacy name"));
              i.name = "legacy name";
              return i;
            },
            Expect.of(Action.ADOPT, "Adopting").id("c9")),
        row(
            "spec.connectionId of a connection Omni cannot make match → DriftDetected, no write",
            () -> in().spec(s -> s.connectionId = "c9").observed(live("c9", "legacy name")),
            Expect.of(Action.BLOCKED, "DriftDetected")
                .withFields("name")
                .says("name is 'legacy name'")),
        row(
            "credentials unknown (no Secret given) → adopt without sending them",
            () -> {
              var i = in().observed(live("c1", "sales"));
              i.versions = null;
              return i;
            },
            Expect.of(Action.ADOPT, "Adopting")
                .id("c1")
                .withFields()
                .says("credentials not compared")),
        // --- blocked ----------------------------------------------------------------------
        row(
            "spec.connectionId unknown → ConnectionNotFound",
            () -> in().spec(s -> s.connectionId = "nope"),
            Expect.of(Action.BLOCKED, "ConnectionNotFound").says("does not exist")),
        row(
            "spec.connectionId archived → ConnectionNotFound",
            () -> in().spec(s -> s.connectionId = "c1").observed(archived("c1", "sales")),
            Expect.of(Action.BLOCKED, "ConnectionNotFound").says("archived")),
        row(
            "name match claimed by another resource → Conflict",
            () -> {
              var i = in().observed(live("c1", "sales"));
              i.claims.put("c1", new Claim("team/other", true));
              return i;
            },
            Expect.of(Action.BLOCKED, "Conflict").says("team/other")),
        row(
            "spec.connectionId managed by another resource → Conflict",
            () -> {
              var i = in().spec(s -> s.connectionId = "c1").observed(live("c1", "sales"));
              i.claims.put("c1", new Claim("team/zzz", true));
              return i;
            },
            Expect.of(Action.BLOCKED, "Conflict")),
        row(
            "both pin one id, the other sorts first → Conflict here",
            () -> {
              var i = in().spec(s -> s.connectionId = "c1").observed(live("c1", "sales"));
              i.claims.put("c1", new Claim("team/aaa", false));
              return i;
            },
            Expect.of(Action.BLOCKED, "Conflict")),
        row(
            "both pin one id, this one sorts first → adopt",
            () -> {
              var i = in().spec(s -> s.connectionId = "c1").observed(live("c1", "sales"));
              i.claims.put("c1", new Claim("team/zzz", false));
              return i;
            },
            Expect.of(Action.ADOPT, "Adopting").id("c1")),
        row(
            "two unclaimed connections share the name → Conflict naming both",
            () -> in().observed(live("c1", "sales"), live("c2", "sales")),
            Expect.of(Action.BLOCKED, "Conflict").says("c1, c2")),
        row(
            "invalid spec (Snowflake without warehouse) → InvalidSpec before any call",
            () ->
                in().spec(
                        s -> {
                          s.dialect = Dialect.snowflake;
                          s.host = "myorg";
                          s.port = null;
                        }),
            Expect.of(Action.BLOCKED, "InvalidSpec")
                .withFields("spec.warehouse")
                .says("required for Snowflake")),
        row(
            "invalid spec (port 0) → InvalidSpec naming spec.port",
            () -> in().spec(s -> s.port = 0),
            Expect.of(Action.BLOCKED, "InvalidSpec").withFields("spec.port")),
        row(
            "invalid spec wins even under ObserveOnly",
            () ->
                in().spec(
                        s -> {
                          s.managementPolicy = ManagementPolicy.ObserveOnly;
                          s.passwordSecretRef = null;
                        }),
            Expect.of(Action.BLOCKED, "InvalidSpec").writes(false)),
        // --- managed: nothing / patch ------------------------------------------------------
        row(
            "managed and matching → nothing",
            () -> in().observed(live("c1", "sales")).managed("c1"),
            Expect.of(Action.NOTHING, "Available").id("c1").withFields()),
        row(
            "baseRole edited → one PATCH with only baseRole",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.baseRole = "QUERIER";
              return i;
            },
            Expect.of(Action.PATCH, "Updating").id("c1").withFields("baseRole")),
        row(
            "baseRole changed in Omni → patched back",
            () -> in().observed(withRole("c1", "sales", "MODELER")).managed("c1"),
            Expect.of(Action.PATCH, "Updating").withFields("baseRole")),
        row(
            "baseRole not listed by this Omni, spec edited → patch from the applied record",
            () -> {
              var i = in().observed(withRole("c1", "sales", null)).managed("c1");
              i.spec.baseRole = "QUERIER";
              return i;
            },
            Expect.of(Action.PATCH, "Updating").withFields("baseRole")),
        row(
            "baseRole not listed by this Omni, spec unchanged → nothing",
            () -> in().observed(withRole("c1", "sales", null)).managed("c1"),
            Expect.of(Action.NOTHING, "Available")),
        row(
            "environment attribute added → PATCH with only environmentUserAttribute",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.env("environment", "prod");
              return i;
            },
            Expect.of(Action.PATCH, "Updating").withFields("environmentUserAttribute")),
        row(
            "environment attribute removed from spec → PATCH removes it",
            () -> in().observed(withEnv("c1", "sales", "environment", "prod")).managed("c1"),
            Expect.of(Action.PATCH, "Updating").withFields("environmentUserAttribute")),
        row(
            "environment attribute changed in Omni → patched back",
            () -> {
              var i = in().env("environment", "prod");
              return i.observed(withEnv("c1", "sales", "environment", "dev")).managed("c1");
            },
            Expect.of(Action.PATCH, "Updating").withFields("environmentUserAttribute")),
        row(
            "environment attribute matching → nothing",
            () -> {
              var i = in().env("environment", "prod");
              return i.observed(withEnv("c1", "sales", "environment", "prod")).managed("c1");
            },
            Expect.of(Action.NOTHING, "Available")),
        row(
            "password Secret rotated → PATCH with only passwordUnencrypted",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.versions.put("passwordUnencrypted", "pg/u1/2");
              return i;
            },
            Expect.of(Action.PATCH, "Updating").withFields("passwordUnencrypted")),
        row(
            "private key rotated → PATCH with only privateKey",
            () -> {
              var i =
                  in().spec(
                          s -> {
                            s.dialect = Dialect.snowflake;
                            s.host = "myorg";
                            s.port = null;
                            s.warehouse = "WH";
                            s.passwordSecretRef = null;
                            s.privateKeySecretRef = new SecretKeyRef("sf", "key");
                          });
              i.versions.clear();
              i.versions.put("privateKey", "sf/u2/1");
              i.observed(
                      new ObservedConnection(
                          "c1",
                          "sales",
                          "snowflake",
                          "analytics",
                          null,
                          "VIEWER",
                          null,
                          null,
                          null))
                  .managed("c1");
              i.versions.put("privateKey", "sf/u2/7");
              return i;
            },
            Expect.of(Action.PATCH, "Updating").withFields("privateKey")),
        row(
            "OAuth client secret rotated → ReplacementRequired (Omni cannot patch it)",
            () -> {
              var i = in().spec(s -> s.oauthClientSecretRef = new SecretKeyRef("oa", "secret"));
              i.versions.put("oauthClientSecretUnencrypted", "oa/u3/1");
              i.observed(live("c1", "sales")).managed("c1");
              i.versions.put("oauthClientSecretUnencrypted", "oa/u3/2");
              return i;
            },
            Expect.of(Action.BLOCKED, "ReplacementRequired")
                .withFields("oauthClientSecretRef (rotated)")),
        // --- replacement --------------------------------------------------------------------
        row(
            "host edited, replacementPolicy Never → ReplacementRequired naming host",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              return i;
            },
            Expect.of(Action.BLOCKED, "ReplacementRequired")
                .withFields("host")
                .says("replacementPolicy: Recreate")),
        row(
            "name edited → ReplacementRequired naming name",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.name = "sales-eu";
              return i;
            },
            Expect.of(Action.BLOCKED, "ReplacementRequired").withFields("name")),
        row(
            "host and port edited under Recreate → replace the old connection",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              i.spec.port = 6432;
              i.spec.replacementPolicy = ReplacementPolicy.Recreate;
              return i;
            },
            Expect.of(Action.REPLACE, "Replacing").id("c1").withFields("host", "port")),
        row(
            "Recreate after a lost replacement POST → switch to it, no second create",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              i.spec.replacementPolicy = ReplacementPolicy.Recreate;
              i.createPending = true;
              i.observed(live("c2", "sales"));
              return i;
            },
            Expect.of(Action.ADOPT, "Replacing").id("c2").says("answer was lost")),
        row(
            "Recreate with a create-pending mark but nothing new listed → replace",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              i.spec.replacementPolicy = ReplacementPolicy.Recreate;
              i.createPending = true;
              return i;
            },
            Expect.of(Action.REPLACE, "Replacing").id("c1")),
        row(
            "a replaced connection with deletionPolicy Delete is retired",
            () -> {
              var i = in().observed(live("c1", "sales"), live("c0", "sales-old")).managed("c1");
              i.replaced = "c0";
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.NOTHING, "Available").id("c1").retires("c0")),
        row(
            "a replaced connection with deletionPolicy Orphan is left in Omni",
            () -> {
              var i = in().observed(live("c1", "sales"), live("c0", "sales-old")).managed("c1");
              i.replaced = "c0";
              i.deletionPolicy = DeletionPolicy.Orphan;
              return i;
            },
            Expect.of(Action.NOTHING, "Available").id("c1").retires(null)),
        row(
            "a replaced connection already archived is not retired again",
            () -> {
              var i = in().observed(live("c1", "sales"), archived("c0", "sales-old")).managed("c1");
              i.replaced = "c0";
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.NOTHING, "Available").id("c1").retires(null)),
        // --- drift / archived ------------------------------------------------------------
        row(
            "database changed in Omni → reported as drift, nothing written",
            () ->
                in().observed(
                        new ObservedConnection(
                            "c1",
                            "sales",
                            "postgres",
                            "other_db",
                            null,
                            "VIEWER",
                            null,
                            null,
                            null))
                    .managed("c1"),
            Expect.of(Action.NOTHING, "DriftDetected").says("database is 'other_db'")),
        row(
            "managed connection archived in Omni → created again, saying why",
            () -> in().observed(archived("c1", "sales")).managed("c1"),
            Expect.of(Action.CREATE, "Creating").says("was archived in Omni")),
        row(
            "managed connection gone from Omni → created again, saying why",
            () -> in().managed("c1"),
            Expect.of(Action.CREATE, "Creating").says("no longer exists")),
        row(
            "pinned and archived → ConnectionNotFound, never a silent new connection",
            () -> in().spec(s -> s.connectionId = "c1").observed(archived("c1", "s")).managed("c1"),
            Expect.of(Action.BLOCKED, "ConnectionNotFound")),
        // --- observe-only and paused ------------------------------------------------------
        row(
            "ObserveOnly still plans the PATCH but allows no write",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.baseRole = "QUERIER";
              i.spec.managementPolicy = ManagementPolicy.ObserveOnly;
              return i;
            },
            Expect.of(Action.PATCH, "Updating").withFields("baseRole").writes(false)),
        row(
            "ObserveOnly adopts without sending credentials it cannot compare",
            () ->
                in().spec(s -> s.managementPolicy = ManagementPolicy.ObserveOnly)
                    .observed(live("c1", "sales")),
            Expect.of(Action.ADOPT, "Adopting").withFields().writes(false)),
        row(
            "paused still plans the create but allows no write",
            () -> {
              var i = in();
              i.paused = true;
              return i;
            },
            Expect.of(Action.CREATE, "Creating").writes(false)),
        // --- deletion ---------------------------------------------------------------------
        row(
            "deleted with deletionPolicy Delete → archive",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.deleting = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.DELETE, "Deleting").id("c1")),
        row(
            "deleted with deletionPolicy Orphan → left in Omni",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.deleting = true;
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned").says("Orphan")),
        row(
            "deleted while paused → never deleted in Omni",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.deleting = true;
              i.paused = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned").says("paused").writes(false)),
        row(
            "deleted under ObserveOnly → never deleted in Omni",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.deleting = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              i.spec.managementPolicy = ManagementPolicy.ObserveOnly;
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned").says("ObserveOnly").writes(false)),
        row(
            "deleted, already archived in Omni → done",
            () -> {
              var i = in().observed(archived("c1", "sales")).managed("c1");
              i.deleting = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned").says("already archived")),
        row(
            "deleted while a lost create is pending, Delete → archive the exact-name match",
            () -> {
              var i = in().observed(live("c7", "sales"));
              i.deleting = true;
              i.createPending = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.DELETE, "Deleting").id("c7")),
        row(
            "deleted before anything was created → nothing",
            () -> {
              var i = in();
              i.deleting = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    Plan plan = input.get().plan();
    assertThat(plan.action()).as("action").isEqualTo(expect.action());
    assertThat(plan.reason().text()).as("reason").isEqualTo(expect.reason());
    if (expect.connectionId() != null) {
      assertThat(plan.connectionId()).as("connection id").isEqualTo(expect.connectionId());
    }
    if (expect.fields() != null) {
      assertThat(plan.fields()).as("fields").containsExactlyElementsOf(expect.fields());
    }
    boolean writes = expect.writes() == null || expect.writes();
    assertThat(plan.writesAllowed()).as("writes allowed").isEqualTo(writes);
    if (expect.messageContains() != null) {
      assertThat(plan.message()).as("message").contains(expect.messageContains());
    }
    assertThat(plan.retire()).as("connection retired").isEqualTo(expect.retire());
  }
}
