package dev.gitops.omni.core;

import static dev.gitops.omni.model.SpecRuleMessages.*;

import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The spec rules in Java. The first group mirrors, one for one and with the same messages, the CEL
 * rules on {@link OmniConnectionSpec} (a test evaluates both over one table); the second repeats
 * the CRD's OpenAPI constraints. The command line and clusters without CEL never see the CRD, so
 * the planner checks these before any call to Omni.
 */
public final class SpecRules {
  private SpecRules() {}

  private record Rule(String field, String message, Predicate<OmniConnectionSpec> holds) {}

  /** The CEL rules of the CRD, in the same order and with the same messages. */
  static final List<Rule> CEL_MIRROR =
      List.of(
          new Rule(
              "spec.host",
              SNOWFLAKE_HOST,
              s -> !is(s, Dialect.snowflake) || s.host == null || !s.host.contains(".")),
          new Rule(
              "spec.warehouse",
              SNOWFLAKE_WAREHOUSE,
              s -> !is(s, Dialect.snowflake) || s.warehouse != null),
          new Rule(
              "spec.hostOverride",
              SNOWFLAKE_HOST_OVERRIDE,
              s -> !is(s, Dialect.snowflake) || !(s.host != null && s.hostOverride != null)),
          new Rule(
              "spec.warehouse",
              DATABRICKS_WAREHOUSE,
              s -> !is(s, Dialect.databricks) || s.warehouse != null),
          new Rule(
              "spec.defaultSchema",
              MSSQL_DEFAULT_SCHEMA,
              s -> !is(s, Dialect.mssql) || s.defaultSchema != null),
          new Rule(
              "spec.acceptsLicense",
              ORACLE_LICENSE,
              s -> !is(s, Dialect.oracle) || Boolean.TRUE.equals(s.acceptsLicense)),
          new Rule(
              "spec.passwordSecretRef",
              BIGQUERY_PASSWORD,
              s -> !is(s, Dialect.bigquery) || s.passwordSecretRef != null),
          new Rule(
              "spec.maxBillingBytes",
              MAX_BILLING_BYTES,
              s -> s.maxBillingBytes == null || is(s, Dialect.bigquery)),
          new Rule(
              "spec.passwordSecretRef",
              PASSWORD_REQUIRED,
              s ->
                  s.passwordSecretRef != null
                      || (is(s, Dialect.snowflake) && s.privateKeySecretRef != null)),
          new Rule(
              "spec.schemaRefreshSchedules",
              SCHEDULE_DUPLICATE,
              s ->
                  s.schemaRefreshSchedules == null
                      || new java.util.HashSet<>(s.schemaRefreshSchedules).size()
                          == s.schemaRefreshSchedules.size()));

  /** The verdicts of the CEL mirror alone: the messages of the rules the spec breaks. */
  public static List<String> celViolations(OmniConnectionSpec spec) {
    return CEL_MIRROR.stream().filter(r -> !r.holds().test(spec)).map(Rule::message).toList();
  }

  /** Every broken rule, schema constraints first. Empty when the spec is valid. */
  public static List<Violation> check(OmniConnectionSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) {
      out.add(new Violation("spec", "spec is missing: set at least spec.dialect"));
      return out;
    }
    if (spec.dialect == null) {
      out.add(new Violation("spec.dialect", "spec.dialect is required: one of " + dialects()));
      return out;
    }
    range(out, "spec.port", spec.port, 1, 65535);
    range(out, "spec.queryTimeoutSeconds", spec.queryTimeoutSeconds, 1, 3600);
    if (spec.maxBillingBytes != null && spec.maxBillingBytes < 1) {
      out.add(new Violation("spec.maxBillingBytes", "spec.maxBillingBytes must be at least 1"));
    }
    if (spec.name != null && spec.name.isBlank()) {
      out.add(new Violation("spec.name", "spec.name is blank: remove it to use metadata.name"));
    }
    ref(out, "spec.passwordSecretRef", spec.passwordSecretRef);
    ref(out, "spec.privateKeySecretRef", spec.privateKeySecretRef);
    ref(out, "spec.oauthClientSecretRef", spec.oauthClientSecretRef);
    if (spec.environmentUserAttribute != null
        && blank(spec.environmentUserAttribute.attributeName)) {
      out.add(
          new Violation(
              "spec.environmentUserAttribute.attributeName",
              "spec.environmentUserAttribute.attributeName is required: name the Omni user"
                  + " attribute, or remove environmentUserAttribute"));
    }
    ScheduleRules.check(spec.schemaRefreshSchedules, out);
    for (Rule r : CEL_MIRROR) {
      if (!r.holds().test(spec)) {
        out.add(new Violation(r.field(), r.message()));
      }
    }
    return out;
  }

  private static boolean is(OmniConnectionSpec s, Dialect d) {
    return s.dialect == d;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void range(List<Violation> out, String field, Integer v, int min, int max) {
    if (v != null && (v < min || v > max)) {
      out.add(
          new Violation(field, field + " must be between " + min + " and " + max + ", not " + v));
    }
  }

  private static void ref(List<Violation> out, String field, SecretKeyRef ref) {
    if (ref != null && (blank(ref.name) || blank(ref.key))) {
      out.add(
          new Violation(
              field, field + " needs both name (the Secret) and key (the entry inside it)"));
    }
  }

  private static String dialects() {
    return String.join(", ", java.util.Arrays.stream(Dialect.values()).map(Dialect::wire).toList());
  }
}
