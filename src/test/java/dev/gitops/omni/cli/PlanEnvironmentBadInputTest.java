package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.row;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;

import dev.gitops.omni.simulator.SimulatorOptions;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue for spec.environmentOf in {@code plan}: each rule the files break is the
 * resource's invalid row naming the file, the document and the field, before any call about it. A
 * value two environments share is in {@link PlanEnvironmentCommandTest}: both rows name it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanEnvironmentBadInputTest {
  @RegisterExtension static final OmniFixture omni = new OmniFixture();

  static final String ATTRIBUTE = "environmentUserAttribute: {attributeName: env}";

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  private int files;

  private String file(String yaml) {
    return omni.write("env" + ++files + ".yaml", yaml).toString();
  }

  private static String env(String name, String environmentOf) {
    return pg(name, "environmentOf: " + environmentOf);
  }

  Stream<BadInput> rows() {
    String m;
    return Stream.of(
        row(
                "environmentOf",
                "a base that is not in the files",
                omni.plan("-f", m = file(env("dev", "{name: base, userAttributeValues: [dev]}"))))
            .names(
                m + ", document 1",
                "spec.environmentOf.name",
                "no OmniConnection 'base' in namespace team")
            .fix("add its file with -f")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a base in another namespace",
                omni.plan(
                    "-f",
                    m =
                        file(
                            pg("base", ATTRIBUTE).replace("namespace: team", "namespace: other")
                                + env("dev", "{name: base, userAttributeValues: [dev]}"))))
            .names(
                m + ", document 2",
                "spec.environmentOf.name",
                "no OmniConnection 'base' in namespace team")
            .fix("name the base connection's metadata.name")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a base without environmentUserAttribute",
                omni.plan(
                    "-f",
                    m =
                        file(
                            pg("base", "")
                                + env("dev", "{name: base, userAttributeValues: [dev]}"))))
            .names(
                m + ", document 2",
                "spec.environmentOf.name",
                "the base OmniConnection base sets no")
            .fix("sets no spec.environmentUserAttribute")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a base of another dialect",
                omni.plan(
                    "-f",
                    m =
                        file(
                            pg("base", ATTRIBUTE).replace("postgres", "mysql")
                                + env("dev", "{name: base, userAttributeValues: [dev]}"))))
            .names(
                m + ", document 2",
                "spec.environmentOf:",
                "this connection is postgres but its base base is mysql")
            .fix("an environment must have its base's dialect")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a connection naming itself",
                omni.plan("-f", m = file(env("dev", "{name: dev, userAttributeValues: [dev]}"))))
            .names(m + ", document 1", "spec.environmentOf.name")
            .fix("names this connection itself")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "no values",
                omni.plan(
                    "-f",
                    m =
                        file(
                            pg("base", ATTRIBUTE)
                                + env("dev", "{name: base, userAttributeValues: []}"))))
            .names(m + ", document 2", "spec.environmentOf.userAttributeValues")
            .fix("is empty: list the values")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a value listed twice",
                omni.plan(
                    "-f",
                    m =
                        file(
                            pg("base", ATTRIBUTE)
                                + env("dev", "{name: base, userAttributeValues: [dev, dev]}"))))
            .names(m + ", document 2", "spec.environmentOf.userAttributeValues")
            .fix("lists 'dev' twice")
            .inPlanTable("team/dev"),
        row(
                "environmentOf",
                "a base in another Omni instance",
                omni.plan(
                    "-f",
                    m =
                        file(
                            instance()
                                + pg(
                                    "base",
                                    ATTRIBUTE + "\ninstanceRef: {kind: OmniInstance, name: omni}")
                                + env("dev", "{name: base, userAttributeValues: [dev]}"))))
            .names(m + ", document 4", "spec.environmentOf.name", "uses another Omni instance")
            .fix("must be in one Omni organisation")
            .inPlanTable("team/dev"));
  }

  private static String instance() {
    return """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: omni-key, namespace: team}
        stringData: {token: %s}
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniInstance
        metadata: {name: omni, namespace: team}
        spec:
          url: %s
          tokenSecretRef: {name: omni-key}
        """
        .formatted(SimulatorOptions.DEFAULT_TOKEN, omni.sim.baseUrl());
  }
}
