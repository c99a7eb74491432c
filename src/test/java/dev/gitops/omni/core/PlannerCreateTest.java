package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.archived;
import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static dev.gitops.omni.core.PlannerRows.row;
import static dev.gitops.omni.core.PlannerRows.withRole;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlannerRows.Expect;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Planner rows that create a connection or adopt one Omni already has. */
class PlannerCreateTest {
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
                .says("credentials not compared")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    PlannerRows.assertPlan(input.get().plan(), expect);
  }
}
