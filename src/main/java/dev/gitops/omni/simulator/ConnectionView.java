package dev.gitops.omni.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection as list and get-one return it. Only these fields: never secrets, host, port,
 * username, warehouse or schema lists, exactly as the reference says.
 */
final class ConnectionView {
  private ConnectionView() {}

  static Map<String, Object> of(StoredConnection c, boolean legacyWireShapes) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", c.id);
    v.put("name", c.name);
    v.put("dialect", legacyWireShapes && c.dialect.equals("mssql") ? "sqlserver" : c.dialect);
    v.put("database", c.database());
    v.put("deletedAt", text(c.deletedAt));
    v.put("userAttributeNameForConnectionEnvironments", c.attributeName);
    v.put(
        "userAttributeValuesForDefaultEnvironment",
        legacyWireShapes
            ? String.join(",", c.attributeValues)
            : new ArrayList<>(c.attributeValues));
    v.put("branchConnectionEnvironmentOverridesUserAttr", false);
    v.put("environmentConnectionSwitchesSchemaModel", false);
    v.put("baseRole", c.baseRole);
    v.put("defaultSchema", c.defaultSchema());
    v.put("createdAt", text(c.createdAt));
    v.put("updatedAt", text(c.updatedAt));
    return v;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
