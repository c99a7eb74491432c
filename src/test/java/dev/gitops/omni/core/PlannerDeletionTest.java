package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.archived;
import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static dev.gitops.omni.core.PlannerRows.row;

import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlannerRows.Expect;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner rows that may not write (ObserveOnly, paused) and for a deleted resource: archive, orphan
 * or nothing.
 */
class PlannerDeletionTest {
  static Stream<Arguments> table() {
    return Stream.of(
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
            "deleted under Delete, but another resource manages the connection → left in Omni",
            () -> {
              var i = in().observed(live("c1", "sales")).managed("c1");
              i.deleting = true;
              i.deletionPolicy = DeletionPolicy.Delete;
              i.claims.put("c1", new PlanInput.Claim("team/winner", true));
              return i;
            },
            Expect.of(Action.NOTHING, "Orphaned")
                .id("c1")
                .says("managed by OmniConnection team/winner")),
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
    PlannerRows.assertPlan(input.get().plan(), expect);
  }
}
