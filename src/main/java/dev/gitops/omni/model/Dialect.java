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

  /** Reads a dialect leniently: case-insensitive, and {@code sqlserver} as {@code mssql}. */
  @JsonCreator
  public static Dialect fromWire(String value) {
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
    throw new IllegalArgumentException("unknown dialect '" + value + "'");
  }
}
