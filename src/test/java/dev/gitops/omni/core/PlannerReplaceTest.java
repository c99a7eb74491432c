package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.archived;
import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static dev.gitops.omni.core.PlannerRows.row;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlannerRows.Expect;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner rows for edits Omni cannot apply in place (replacement, retiring the replaced connection)
 * and for drift: a changed database, a managed connection archived or gone.
 */
class PlannerReplaceTest {
  static Stream<Arguments> table() {
    return Stream.of(
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
            "a lost replacement POST, two candidates with the name → none is taken, replace",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              i.spec.replacementPolicy = ReplacementPolicy.Recreate;
              i.createPending = true;
              i.observed(live("c2", "sales"), live("c3", "sales"));
              return i;
            },
            Expect.of(Action.REPLACE, "Replacing").id("c1")),
        row(
            "a lost replacement POST never takes the connection replaced before",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.spec.host = "db2.internal";
              i.spec.replacementPolicy = ReplacementPolicy.Recreate;
              i.createPending = true;
              i.replaced = "c0";
              i.observed(live("c0", "sales"));
              return i;
            },
            Expect.of(Action.REPLACE, "Replacing").id("c1")),
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
            Expect.of(Action.BLOCKED, "ConnectionNotFound")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    PlannerRows.assertPlan(input.get().plan(), expect);
  }
}
