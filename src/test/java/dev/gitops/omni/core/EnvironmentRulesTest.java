package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.EnvironmentRules.Base;
import dev.gitops.omni.core.EnvironmentRules.Sibling;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.EnvironmentOf;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.environmentOf checked before any call: one row per rule. */
class EnvironmentRulesTest {
  static final Base PG_BASE = new Base("prod", Dialect.postgres, true, true);

  record Row(
      String name,
      String self,
      EnvironmentOf env,
      Base base,
      List<Sibling> siblings,
      String field,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static EnvironmentOf of(String base, String... values) {
    return new EnvironmentOf(base, List.of(values));
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("valid", "dev", of("prod", "dev"), PG_BASE, List.of(), null, null),
        new Row(
            "valid beside a sibling with other values",
            "dev",
            of("prod", "dev"),
            PG_BASE,
            List.of(new Sibling("staging", List.of("staging"))),
            null,
            null),
        new Row(
            "the base is missing",
            "dev",
            of("prod", "dev"),
            null,
            List.of(),
            "spec.environmentOf.name",
            "no OmniConnection 'prod' in namespace team"),
        new Row(
            "the base is itself",
            "dev",
            of("dev", "dev"),
            PG_BASE,
            List.of(),
            "spec.environmentOf.name",
            "names this connection itself"),
        new Row(
            "the base sets no environmentUserAttribute",
            "dev",
            of("prod", "dev"),
            new Base("prod", Dialect.postgres, false, true),
            List.of(),
            "spec.environmentOf.name",
            "sets no spec.environmentUserAttribute"),
        new Row(
            "another dialect",
            "dev",
            of("prod", "dev"),
            new Base("prod", Dialect.snowflake, true, true),
            List.of(),
            "spec.environmentOf",
            "this connection is postgres but its base prod is snowflake"),
        new Row(
            "a base in another Omni instance",
            "dev",
            of("prod", "dev"),
            new Base("prod", Dialect.postgres, true, false),
            List.of(),
            "spec.environmentOf.name",
            "uses another Omni instance"),
        new Row(
            "a value listed twice",
            "dev",
            of("prod", "dev", "dev"),
            PG_BASE,
            List.of(),
            "spec.environmentOf.userAttributeValues",
            "lists 'dev' twice"),
        new Row(
            "a value with a comma",
            "dev",
            of("prod", "dev,qa"),
            PG_BASE,
            List.of(),
            "spec.environmentOf.userAttributeValues",
            "without commas"),
        new Row(
            "a value a sibling sorting first already uses",
            "dev",
            of("prod", "dev", "qa"),
            PG_BASE,
            List.of(new Sibling("ci", List.of("qa"))),
            "spec.environmentOf.userAttributeValues",
            "'qa' is already used by OmniConnection ci"),
        new Row(
            "the sibling sorting later gives way, not this one",
            "ci",
            of("prod", "qa"),
            PG_BASE,
            List.of(new Sibling("dev", List.of("dev", "qa"))),
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void checks(Row row) {
    List<Violation> v =
        EnvironmentRules.check(
            row.self(), "team", Dialect.postgres, row.env(), row.base(), row.siblings());
    if (row.field() == null) {
      assertThat(v).isEmpty();
    } else {
      assertThat(v)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.field()).isEqualTo(row.field());
                assertThat(x.message()).contains(row.says());
              });
    }
  }

  @org.junit.jupiter.api.Test
  void aBaseSetsTheUserAttributeOnlyWithANonBlankName() {
    var spec = new dev.gitops.omni.model.OmniConnectionSpec();
    spec.dialect = Dialect.postgres;
    assertThat(Base.of("prod", spec, true).setsUserAttribute()).as("no attribute").isFalse();

    spec.environmentUserAttribute =
        new dev.gitops.omni.model.EnvironmentUserAttribute("  ", List.of());
    assertThat(Base.of("prod", spec, true).setsUserAttribute()).as("a blank name").isFalse();

    spec.environmentUserAttribute =
        new dev.gitops.omni.model.EnvironmentUserAttribute("team", List.of());
    assertThat(Base.of("prod", spec, false))
        .isEqualTo(new Base("prod", Dialect.postgres, true, false));
  }
}
