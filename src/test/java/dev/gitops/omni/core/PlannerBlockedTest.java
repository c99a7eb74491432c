package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.archived;
import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static dev.gitops.omni.core.PlannerRows.row;

import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlanInput.Claim;
import dev.gitops.omni.core.PlannerRows.Expect;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Planner rows that block: an unknown or archived pinned id, conflicts, an invalid spec. */
class PlannerBlockedTest {
  static Stream<Arguments> table() {
    return Stream.of(
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
            Expect.of(Action.BLOCKED, "InvalidSpec").writes(false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    PlannerRows.assertPlan(input.get().plan(), expect);
  }
}
