package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.core.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRD's rule on each schema-refresh schedule (evaluated with dev.cel, as the API server does)
 * and the planner's Java check agree on every cron in the table, and the Java check says what is
 * wrong with the usual mistakes: a 5-field Unix cron, no '?', two '?', an unknown time zone.
 */
class ScheduleCronRuleTest {
  static final JsonNode ITEMS =
      CrdFixture.openApiSchema()
          .path("properties")
          .path("spec")
          .path("properties")
          .path("schemaRefreshSchedules")
          .path("items");

  @ParameterizedTest(name = "''{0}'' {1}: valid {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 ? * MON-FRI *|Europe/Berlin|true|",
        "00 09 * * ? *|America/New_York|true|",
        "*/15 * * * ? *|UTC|true|",
        "0 9 * * *|UTC|false|has 5 fields",
        "0 9 * * * *|UTC|false|'?' in exactly one",
        "0 9 ? * ? *|UTC|false|'?' in exactly one",
        "0 9 ? * MON *|Mars/Olympus|false|not an IANA time zone",
        "0 9 ? * MON *|+02:00|false|not an IANA time zone",
        "0 9 ? * MON *|GMT+2|false|not an IANA time zone",
        "0 9 ? * MON * 2030|UTC|false|'?' in exactly one"
      })
  void crdAndPlannerAgree(String cron, String zone, boolean valid, String says) throws Exception {
    JsonNode rule = ITEMS.path("x-kubernetes-validations").get(0);
    var compiled =
        CrdFixture.compileRule(rule.path("rule").asText(), rule.path("message").asText());
    boolean crd = compiled.holds(Map.of("schedule", cron, "timezone", zone));
    boolean zoneOk = !zone.startsWith("Mars") && !zone.contains("+");
    assertThat(crd).as("CRD verdict on the cron").isEqualTo(valid || !zoneOk);

    OmniConnectionSpec spec = new OmniConnectionSpec();
    spec.dialect = Dialect.postgres;
    spec.passwordSecretRef = new SecretKeyRef("pg", "password");
    spec.schemaRefreshSchedules = List.of(new RefreshScheduleSpec(cron, zone));
    List<Violation> java = SpecRules.check(spec);
    if (valid) {
      assertThat(java).isEmpty();
    } else {
      assertThat(java).singleElement().satisfies(v -> assertThat(v.message()).contains(says));
      assertThat(java.get(0).field()).startsWith("spec.schemaRefreshSchedules[0]");
    }
  }
}
