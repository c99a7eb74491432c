package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A change of a connection's environment user attribute, from either wire shape: the current {@code
 * environmentUserAttribute: {"attributeName", "defaultValues"}} (or {@code null} to remove) and the
 * beta top-level {@code userAttributeNameForConnectionEnvironments} / {@code
 * userAttributeValuesForDefaultEnvironment}. When both shapes are sent, the beta fields win for the
 * parts they carry.
 *
 * @param nameSent whether the attribute name is being set (a null {@code name} removes it)
 * @param valuesSent whether the default values are being set
 */
record EnvironmentChange(boolean nameSent, String name, boolean valuesSent, List<String> values) {
  static final String CURRENT = "environmentUserAttribute";
  static final String BETA_NAME = "userAttributeNameForConnectionEnvironments";
  static final String BETA_VALUES = "userAttributeValuesForDefaultEnvironment";

  static final EnvironmentChange NONE = new EnvironmentChange(false, null, false, List.of());

  EnvironmentChange {
    values = List.copyOf(values);
  }

  boolean sent() {
    return nameSent || valuesSent;
  }

  /** Reads whichever shapes the body carries; {@link #NONE} when it carries neither. */
  static EnvironmentChange parse(ObjectNode body) {
    EnvironmentChange change = NONE;
    if (body.has(CURRENT)) {
      JsonNode attr = body.get(CURRENT);
      if (attr.isNull()) {
        change = new EnvironmentChange(true, null, true, List.of());
      } else if (!attr.isObject()) {
        throw CreateFields.wrongType(CURRENT, "object", attr);
      } else {
        String name = JsonBodies.requiredString(attr, "attributeName", CURRENT + ".attributeName");
        List<String> values = values(attr.get("defaultValues"), CURRENT + ".defaultValues");
        change = new EnvironmentChange(true, name, true, values);
      }
    }
    if (body.has(BETA_NAME)) {
      JsonNode name = body.get(BETA_NAME);
      if (!name.isNull() && !name.isTextual()) {
        throw CreateFields.wrongType(BETA_NAME, "string", name);
      }
      String n = name.isNull() || name.textValue().isBlank() ? null : name.textValue();
      change = new EnvironmentChange(true, n, change.valuesSent, change.values);
    }
    if (body.has(BETA_VALUES)) {
      List<String> values = values(body.get(BETA_VALUES), BETA_VALUES);
      change = new EnvironmentChange(change.nameSent, change.name, true, values);
    }
    return change;
  }

  /** An array of strings; also a single string (comma-separated), as older instances used. */
  private static List<String> values(JsonNode node, String path) {
    return JsonBodies.commaOrArray(node, path, "array", false);
  }
}
