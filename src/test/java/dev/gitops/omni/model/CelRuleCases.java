package dev.gitops.omni.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The table of specs the CRD's CEL rules judge: each row an otherwise schema-valid spec and the
 * messages of the rules it breaks. {@link CrdCelRulesTest} evaluates it with dev.cel and the Java
 * mirror, {@link CrdOnApiServerIT} sends it to a real API server; the rows are kept per dialect.
 */
final class CelRuleCases {
  private CelRuleCases() {}

  /** One spec snippet (the object under spec:) and the messages of the CEL rules it breaks. */
  record Row(String name, String yaml, Set<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row valid(String name, String yaml) {
    return new Row(name, yaml, Set.of());
  }

  static Row breaks(String name, String yaml, String... messages) {
    return new Row(name, yaml, Set.of(messages));
  }

  static final List<Row> TABLE =
      Stream.of(
              SnowflakeCelCases.ROWS,
              DatabricksMssqlOracleCelCases.ROWS,
              BigQueryAndOtherDialectCelCases.ROWS)
          .flatMap(List::stream)
          .toList();
}
