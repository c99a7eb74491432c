package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.cli.NamespaceAdmission;
import dev.gitops.omni.model.NamespaceConditions;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plan} and {@code import} decide whether a namespace may use a ClusterOmniInstance with the
 * command line's {@link NamespaceAdmission} (the operator's {@link NamespaceAccess} is
 * package-private): both give every row of this table its expected answer.
 */
class NamespaceAdmissionParityTest {

  static Stream<Arguments> rows() {
    LabelSelector teamA = new LabelSelectorBuilder().addToMatchLabels("team", "a").build();
    return Stream.of(
        Arguments.of("no conditions", null, "x", Map.of(), true),
        Arguments.of("empty conditions", conditions(List.of(), null), "x", Map.of(), true),
        Arguments.of("named", conditions(List.of("x", "y"), null), "x", Map.of(), true),
        Arguments.of("not named", conditions(List.of("y"), null), "x", Map.of(), false),
        Arguments.of("matchLabels match", conditions(null, teamA), "x", Map.of("team", "a"), true),
        Arguments.of(
            "matchLabels differ", conditions(null, teamA), "x", Map.of("team", "b"), false),
        Arguments.of("no labels", conditions(null, teamA), "x", Map.of(), false),
        Arguments.of(
            "named or selected: named", conditions(List.of("x"), teamA), "x", Map.of(), true),
        Arguments.of(
            "named or selected: selected",
            conditions(List.of("y"), teamA),
            "x",
            Map.of("team", "a"),
            true),
        Arguments.of(
            "In", conditions(null, expr("team", "In", "a", "b")), "x", Map.of("team", "b"), true),
        Arguments.of("In, absent", conditions(null, expr("team", "In", "a")), "x", Map.of(), false),
        Arguments.of(
            "NotIn, absent", conditions(null, expr("team", "NotIn", "a")), "x", Map.of(), true),
        Arguments.of(
            "NotIn, listed",
            conditions(null, expr("team", "NotIn", "a")),
            "x",
            Map.of("team", "a"),
            false),
        Arguments.of(
            "Exists", conditions(null, expr("team", "Exists")), "x", Map.of("team", ""), true),
        Arguments.of(
            "Exists, absent", conditions(null, expr("team", "Exists")), "x", Map.of(), false),
        Arguments.of(
            "DoesNotExist", conditions(null, expr("team", "DoesNotExist")), "x", Map.of(), true),
        Arguments.of(
            "DoesNotExist, present",
            conditions(null, expr("team", "DoesNotExist")),
            "x",
            Map.of("team", "a"),
            false),
        Arguments.of(
            "unknown operator selects nothing",
            conditions(null, expr("team", "Matches", "a")),
            "x",
            Map.of("team", "a"),
            false),
        Arguments.of(
            "every requirement must hold",
            conditions(
                null,
                new LabelSelectorBuilder()
                    .addToMatchLabels("team", "a")
                    .addNewMatchExpression()
                    .withKey("env")
                    .withOperator("In")
                    .withValues("prod")
                    .endMatchExpression()
                    .build()),
            "x",
            Map.of("team", "a", "env", "dev"),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theCommandLineAndTheOperatorAgree(
      String title,
      NamespaceConditions conditions,
      String namespace,
      Map<String, String> labels,
      boolean allowed) {
    assertThat(NamespaceAccess.allows(conditions, namespace, labels))
        .as("operator")
        .isEqualTo(allowed);
    assertThat(NamespaceAdmission.allows(conditions, namespace, labels))
        .as("command line")
        .isEqualTo(allowed);
    assertThat(NamespaceAdmission.needsLabels(conditions))
        .isEqualTo(NamespaceAccess.needsLabels(conditions));
  }

  static NamespaceConditions conditions(List<String> names, LabelSelector selector) {
    NamespaceConditions c = new NamespaceConditions();
    if (names != null) {
      c.names = names;
    }
    c.selector = selector;
    return c;
  }

  static LabelSelector expr(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }
}
