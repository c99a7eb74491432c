package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.model.NamespaceConditions;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A ClusterOmniInstance's namespace conditions, matched as Kubernetes matches selectors. */
class NamespaceAccessTest {

  @ParameterizedTest(name = "{0} {1} {2} with labels {3}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "In|tier|gold,silver|tier=gold|true",
        "In|tier|gold,silver|tier=bronze|false",
        "In|tier|gold|''|false",
        "NotIn|tier|gold|tier=silver|true",
        "NotIn|tier|gold|tier=gold|false",
        "NotIn|tier|gold|''|true",
        "Exists|tier|''|tier=anything|true",
        "Exists|tier|''|other=x|false",
        "DoesNotExist|tier|''|other=x|true",
        "DoesNotExist|tier|''|tier=x|false",
        "Matches|tier|gold|tier=gold|false"
      })
  void expressions(String operator, String key, String values, String labels, boolean allowed) {
    NamespaceConditions c = new NamespaceConditions();
    c.selector =
        new LabelSelectorBuilder()
            .addToMatchExpressions(
                new LabelSelectorRequirementBuilder()
                    .withKey(key)
                    .withOperator(operator)
                    .withValues(values.isEmpty() ? List.of() : List.of(values.split(",")))
                    .build())
            .build();
    assertThat(NamespaceAccess.allows(c, "team-a", parse(labels))).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "names {0}, matchLabels {1}, namespace labels {2}: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''|''|true",
        "team-a|''|''|true",
        "team-b|''|''|false",
        "team-b|omni=yes|omni=yes|true",
        "team-b|omni=yes|omni=no|false",
        "''|omni=yes,env=prod|omni=yes,env=prod,x=y|true",
        "''|omni=yes,env=prod|omni=yes|false"
      })
  void namesOrSelector(String names, String matchLabels, String labels, boolean allowed) {
    NamespaceConditions c = new NamespaceConditions();
    if (!names.isEmpty()) {
      c.names = List.of(names.split(","));
    }
    if (!matchLabels.isEmpty()) {
      c.selector = new LabelSelectorBuilder().withMatchLabels(parse(matchLabels)).build();
    }
    assertThat(NamespaceAccess.needsLabels(c)).isEqualTo(!matchLabels.isEmpty());
    assertThat(NamespaceAccess.allows(c, "team-a", parse(labels))).isEqualTo(allowed);
  }

  private static Map<String, String> parse(String labels) {
    if (labels.isEmpty()) {
      return Map.of();
    }
    var out = new java.util.HashMap<String, String>();
    for (String kv : labels.split(",")) {
      String[] p = kv.split("=", 2);
      out.put(p[0], p[1]);
    }
    return out;
  }
}
