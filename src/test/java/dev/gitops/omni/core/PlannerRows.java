package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.Plan.Action;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.provider.Arguments;

/** What the planner tables share: a row, what it expects of the plan, and the check itself. */
final class PlannerRows {
  private PlannerRows() {}

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

  /** The plan {@code expect} describes; a null expectation is not checked, except retire. */
  static void assertPlan(Plan plan, Expect expect) {
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
