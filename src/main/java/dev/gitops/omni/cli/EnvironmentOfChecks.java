package dev.gitops.omni.cli;

import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.EnvironmentOf;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.sandbox.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spec.environmentOf rules {@code plan} checks from the files, before any Omni call: the base
 * is an OmniConnection of the files in the same namespace (not this one), sets
 * environmentUserAttribute, has this connection's dialect and its Omni instance; the values are
 * given, and unique among the environments of one base. Each broken rule names the file, the
 * document and the field.
 */
final class EnvironmentOfChecks {
  private static final String NAME = "spec.environmentOf.name";
  private static final String VALUES = "spec.environmentOf.userAttributeValues";

  private final Map<String, Manifest> byKey = new HashMap<>();
  private final Map<String, String> instanceOf;
  private final Map<String, List<Violation>> out = new LinkedHashMap<>();
  private final Map<String, Map<String, Manifest>> valuesByBase = new HashMap<>();

  private EnvironmentOfChecks(List<Manifest> connections, Map<String, String> instanceOf) {
    connections.forEach(m -> byKey.put(ManifestPlanner.key(m), m));
    this.instanceOf = instanceOf;
  }

  /**
   * @param instanceOf each connection's instance by {@code namespace/name} (absent: refused)
   * @return the broken rules by {@code namespace/name}, each message starting with the file and
   *     document; absent when none
   */
  static Map<String, List<Violation>> check(
      List<Manifest> connections, Map<String, String> instanceOf) {
    EnvironmentOfChecks checks = new EnvironmentOfChecks(connections, instanceOf);
    connections.forEach(checks::check);
    return checks.out;
  }

  private void check(Manifest m) {
    EnvironmentOf env = spec(m).environmentOf;
    if (env == null) {
      return;
    }
    values(m, env.userAttributeValues);
    String baseKey = m.namespace() + "/" + env.name;
    Manifest base = byKey.get(baseKey);
    if (env.name == null || env.name.isBlank()) {
      add(m, NAME, " is required: the metadata.name of the base OmniConnection");
    } else if (env.name.equals(m.name())) {
      add(m, NAME, " names this OmniConnection itself: name its base connection");
    } else if (base == null) {
      add(
          m,
          NAME,
          ": OmniConnection "
              + baseKey
              + " is not in the files: the base must be an OmniConnection of namespace "
              + m.namespace()
              + "; add its file with -f");
    } else {
      base(m, base);
      unique(m, baseKey, env.userAttributeValues);
    }
  }

  private void base(Manifest m, Manifest base) {
    OmniConnectionSpec self = spec(m);
    OmniConnectionSpec b = spec(base);
    String named = ": the base " + ManifestPlanner.key(base) + " (" + base.origin() + ")";
    if (b.environmentUserAttribute == null
        || b.environmentUserAttribute.attributeName == null
        || b.environmentUserAttribute.attributeName.isBlank()) {
      add(
          m,
          NAME,
          named
              + " sets no spec.environmentUserAttribute: Omni picks environments by that user"
              + " attribute; set it on the base");
    }
    if (self.dialect != null && b.dialect != null && self.dialect != b.dialect) {
      add(
          m,
          NAME,
          named
              + " is "
              + b.dialect.wire()
              + ", this connection "
              + self.dialect.wire()
              + ": an environment must have its base's dialect");
    }
    String mine = instanceOf.get(ManifestPlanner.key(m));
    String theirs = instanceOf.get(ManifestPlanner.key(base));
    if (mine != null && theirs != null && !Objects.equals(mine, theirs)) {
      add(
          m,
          NAME,
          named + " uses " + theirs + ", this connection " + mine + ": both must be in one Omni");
    }
  }

  private void values(Manifest m, List<String> values) {
    if (values == null || values.isEmpty()) {
      add(m, VALUES, " needs at least one value of the base's user attribute");
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null || value.isBlank()) {
        add(m, VALUES + "[" + i + "]", " is blank: give a value or remove it");
      } else if (values.indexOf(value) < i) {
        add(m, VALUES, " lists '" + value + "' twice: remove one");
      }
    }
  }

  /** Each value once among the environments of {@code baseKey}: both holders are told. */
  private void unique(Manifest m, String baseKey, List<String> values) {
    for (String value : values == null ? List.<String>of() : values) {
      Manifest other =
          valuesByBase.computeIfAbsent(baseKey, k -> new HashMap<>()).putIfAbsent(value, m);
      if (other != null && other != m) {
        taken(m, value, other, baseKey);
        taken(other, value, m, baseKey);
      }
    }
  }

  private void taken(Manifest m, String value, Manifest other, String base) {
    add(
        m,
        VALUES,
        ": '"
            + value
            + "' is also a value of OmniConnection "
            + ManifestPlanner.key(other)
            + " ("
            + other.origin()
            + "), another environment of "
            + base
            + ": values must be unique per base");
  }

  private void add(Manifest m, String field, String rest) {
    out.computeIfAbsent(ManifestPlanner.key(m), k -> new ArrayList<>())
        .add(new Violation(field.replaceAll("\\[\\d+]$", ""), m.origin() + ": " + field + rest));
  }

  private static OmniConnectionSpec spec(Manifest m) {
    OmniConnectionSpec s = ((OmniConnection) m.resource()).getSpec();
    return s == null ? new OmniConnectionSpec() : s;
  }
}
