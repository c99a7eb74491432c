package dev.gitops.omni.model;

import static dev.gitops.omni.model.SpecRuleMessages.SNOWFLAKE_WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.CelRuleCases.Row;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD's CEL rules, evaluated with dev.cel over the table of specs in {@link CelRuleCases},
 * agree with the expected verdicts and with their Java mirror {@link SpecRules#celViolations}.
 * Every table spec is otherwise schema-valid, so a row is judged by the CEL rules alone.
 */
class CrdCelRulesTest {
  static List<CrdFixture.CelRule> rules;
  static Schema schema;

  @BeforeAll
  static void loadCrd() {
    rules = CrdFixture.specRules();
    schema = CrdFixture.jsonSchema();
  }

  static Stream<Row> table() {
    return CelRuleCases.TABLE.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void celVerdictIsExpectedAndEqualsJavaMirror(Row row) throws Exception {
    JsonNode spec = CrdFixture.YAML.readTree(row.yaml());

    Set<String> cel = CrdFixture.celViolations(rules, spec);
    assertThat(cel).as("CEL verdict of the CRD rules").isEqualTo(row.expected());

    OmniConnectionSpec java = CrdFixture.YAML.treeToValue(spec, OmniConnectionSpec.class);
    List<String> mirror = SpecRules.celViolations(java);
    assertThat(mirror).as("Java mirror reports each rule once").doesNotHaveDuplicates();
    assertThat(new LinkedHashSet<>(mirror))
        .as("SpecRules.celViolations must equal the CEL verdict")
        .isEqualTo(cel);

    // the rows are otherwise valid: full Java check and the OpenAPI schema see nothing else
    assertThat(SpecRules.check(java))
        .extracting(Violation::message)
        .containsExactlyInAnyOrderElementsOf(row.expected());
    // validated as the API server does: after pruning null fields
    JsonNode pruned = CrdFixture.YAML.valueToTree(CrdFixture.celObject(spec));
    assertThat(CrdFixture.schemaErrors(schema, resource(pruned)))
        .as("the row must be schema-valid so only CEL judges it")
        .isEmpty();
  }

  @Test
  void crdHasExactlyTheJavaMirrorRulesInTheSameOrder() throws Exception {
    List<String> crdMessages = rules.stream().map(CrdFixture.CelRule::message).toList();
    List<String> javaMessages = javaMirrorMessages();

    assertThat(crdMessages).as("CEL rules in the CRD").hasSize(javaMessages.size());
    assertThat(crdMessages).doesNotHaveDuplicates().containsExactlyElementsOf(javaMessages);
    assertThat(crdMessages)
        .as("every SpecRuleMessages constant is used by one CEL rule")
        .containsExactlyInAnyOrderElementsOf(specRuleMessageConstants());
  }

  @Test
  void tableBreaksAndSatisfiesEveryRule() throws Exception {
    Set<String> broken = new HashSet<>();
    Set<String> held = new HashSet<>();
    for (Row row : CelRuleCases.TABLE) {
      Set<String> cel = CrdFixture.celViolations(rules, CrdFixture.YAML.readTree(row.yaml()));
      broken.addAll(cel);
      rules.stream()
          .map(CrdFixture.CelRule::message)
          .filter(m -> !cel.contains(m))
          .forEach(held::add);
    }
    List<String> all = rules.stream().map(CrdFixture.CelRule::message).toList();
    assertThat(broken).as("rules some row breaks").containsExactlyInAnyOrderElementsOf(all);
    assertThat(held).as("rules some row satisfies").containsExactlyInAnyOrderElementsOf(all);
    assertThat(CelRuleCases.TABLE.stream().filter(r -> r.expected().isEmpty()).count())
        .as("fully valid rows")
        .isGreaterThanOrEqualTo(15);
  }

  @Test
  void hasIsFalseForAbsentFieldsAndTrueForPresentOnes() throws Exception {
    // guards the harness itself: if has() on the converted map were always true or always
    // false, the table could pass for the wrong reason
    CrdFixture.CelRule warehouse =
        rules.stream()
            .filter(r -> r.message().equals(SNOWFLAKE_WAREHOUSE))
            .findFirst()
            .orElseThrow();
    assertThat(
            warehouse.holds(CrdFixture.celObject(CrdFixture.YAML.readTree("dialect: snowflake"))))
        .isFalse();
    assertThat(
            warehouse.holds(
                CrdFixture.celObject(
                    CrdFixture.YAML.readTree("{dialect: snowflake, warehouse: W}"))))
        .isTrue();
  }

  private static JsonNode resource(JsonNode spec) {
    ObjectNode cr = CrdFixture.YAML.createObjectNode();
    cr.put("apiVersion", OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    cr.put("kind", "OmniConnection");
    cr.putObject("metadata").put("name", "sample").put("namespace", "default");
    cr.set("spec", spec);
    return cr;
  }

  /** The messages of SpecRules' CEL mirror, read from its rule list (package-private). */
  private static List<String> javaMirrorMessages() throws Exception {
    Field f = SpecRules.class.getDeclaredField("CEL_MIRROR");
    f.setAccessible(true);
    List<String> out = new ArrayList<>();
    for (Object rule : (List<?>) f.get(null)) {
      RecordComponent message =
          Stream.of(rule.getClass().getRecordComponents())
              .filter(c -> c.getName().equals("message"))
              .findFirst()
              .orElseThrow();
      message.getAccessor().setAccessible(true);
      out.add((String) message.getAccessor().invoke(rule));
    }
    return out;
  }

  private static List<String> specRuleMessageConstants() throws Exception {
    List<String> out = new ArrayList<>();
    for (Field f : SpecRuleMessages.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    return out;
  }
}
