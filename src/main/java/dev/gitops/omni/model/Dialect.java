package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The 17 database dialects Omni accepts, spelled as on the wire. */
public enum Dialect {
  athena,
  bigquery,
  clickhouse,
  databricks,
  databricks_lakebase,
  exasol,
  mariadb,
  motherduck,
  mssql,
  mysql,
  oracle,
  postgres,
  redshift,
  sap_hana,
  snowflake,
  starrocks,
  trino;

  @JsonValue
  public String wire() {
    return name();
  }

  /** Reads a spec's dialect exactly as the CRD's enum allows it. */
  @JsonCreator
  public static Dialect fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (Dialect d : values()) {
      if (d.name().equals(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dialect '" + value + "': use one of " + java.util.Arrays.toString(values()));
  }

  /**
   * Reads a dialect as Omni reports it: case-insensitive, and {@code sqlserver} as {@code mssql}.
   * Null for a dialect this version does not know.
   */
  public static Dialect fromOmni(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("sqlserver")) {
      return mssql;
    }
    for (Dialect d : values()) {
      if (d.name().equals(v)) {
        return d;
      }
    }
    return null;
  }
}
