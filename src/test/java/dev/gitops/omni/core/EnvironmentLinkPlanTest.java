package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.core.EnvironmentLinkPlan.Action;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One environment record per connection, to its base, with its values: what Omni's records need.
 */
class EnvironmentLinkPlanTest {
  static EnvironmentLink link(String id, String base, String env, String... values) {
    return new EnvironmentLink(id, base, env, List.of(values));
  }

  static Stream<Arguments> rows() {
    EnvironmentLink ok = link("e1", "base", "dev", "qa", "dev");
    EnvironmentLink oldValues = link("e1", "base", "dev", "dev");
    EnvironmentLink otherBase = link("e2", "old-base", "dev", "dev");
    EnvironmentLink twin = link("e3", "base", "dev", "dev");
    EnvironmentLink someoneElse = link("e4", "base", "qa", "qa");
    return Stream.of(
        Arguments.of("none: create", List.of(someoneElse), Action.CREATE, null, List.of()),
        Arguments.of("same values in another order", List.of(ok), Action.IN_SYNC, ok, List.of()),
        Arguments.of(
            "other values", List.of(oldValues), Action.UPDATE_VALUES, oldValues, List.of()),
        Arguments.of(
            "only to another base: relink",
            List.of(otherBase, someoneElse),
            Action.RELINK,
            null,
            List.of(otherBase)),
        Arguments.of(
            "to the base and to another: keep one, remove the other",
            List.of(otherBase, ok),
            Action.IN_SYNC,
            ok,
            List.of(otherBase)),
        Arguments.of(
            "two to the base: the first kept, the second removed",
            List.of(ok, twin),
            Action.IN_SYNC,
            ok,
            List.of(twin)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plans(
      String title,
      List<EnvironmentLink> links,
      Action action,
      EnvironmentLink keep,
      List<EnvironmentLink> removes) {
    EnvironmentLinkPlan plan = EnvironmentLinkPlan.of("dev", "base", List.of("dev", "qa"), links);

    assertThat(plan.action()).isEqualTo(action);
    assertThat(plan.keep()).isEqualTo(keep);
    assertThat(plan.removes()).isEqualTo(removes);
  }
}
