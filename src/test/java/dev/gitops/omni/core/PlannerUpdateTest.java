package dev.gitops.omni.core;

import static dev.gitops.omni.core.PlanFixtures.in;
import static dev.gitops.omni.core.PlanFixtures.live;
import static dev.gitops.omni.core.PlannerRows.row;
import static dev.gitops.omni.core.PlannerRows.withEnv;
import static dev.gitops.omni.core.PlannerRows.withRole;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.PlannerRows.Expect;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.SecretKeyRef;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner rows for a managed connection: nothing to do, or one PATCH with only what changed (role,
 * environment attribute, rotated credentials); a rotated OAuth secret needs replacement.
 */
class PlannerUpdateTest {
  static Stream<Arguments> table() {
    return Stream.of(
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
                .withFields("oauthClientSecretRef (rotated)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, Supplier<PlanFixtures.In> input, Expect expect) {
    PlannerRows.assertPlan(input.get().plan(), expect);
  }
}
