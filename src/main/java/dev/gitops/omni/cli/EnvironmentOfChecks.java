package dev.gitops.omni.cli;

import dev.gitops.omni.core.EnvironmentRules;
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
 * The spec.environmentOf rules {@code plan} checks from the files, before any Omni call: the
 * operator's own ({@link EnvironmentRules}: the base an OmniConnection of the namespace, setting
 * environmentUserAttribute, with this connection's dialect and Omni instance; plain values, unique
 * per base, the first environment by name keeping a value two claim), looked up in the files. Each
 * broken rule names the file, the document and the field.
 */
final class EnvironmentOfChecks {
  private static final String NAME = "spec.environmentOf.name";

  private final Map<String, Manifest> byKey = new HashMap<>();
  private final Map<String, String> instanceOf;
  private final Map<String, List<Violation>> out = new LinkedHashMap<>();

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
    String baseKey = m.namespace() + "/" + env.name;
    Manifest base = byKey.get(baseKey);
    List<EnvironmentRules.Sibling> siblings =
        byKey.values().stream()
            .filter(o -> o != m && m.namespace().equals(o.namespace()))
            .filter(o -> spec(o).environmentOf != null && env.name != null)
            .filter(o -> env.name.equals(spec(o).environmentOf.name))
            .map(
                o ->
                    new EnvironmentRules.Sibling(
                        o.name(), spec(o).environmentOf.userAttributeValues))
            .toList();
    // the operator's own rules (core.EnvironmentRules), so plan says what the cluster will
    for (Violation v :
        EnvironmentRules.check(
            m.name(), m.namespace(), spec(m).dialect, env, base(m, base), siblings)) {
      String hint =
          base == null && v.field().equals(NAME) && !m.name().equals(env.name)
              ? " (it is not in the files: add its file with -f)"
              : "";
      out.computeIfAbsent(ManifestPlanner.key(m), k -> new ArrayList<>())
          .add(new Violation(v.field(), m.origin() + ": " + v.message() + hint));
    }
  }

  private EnvironmentRules.Base base(Manifest m, Manifest base) {
    if (base == null) {
      return null;
    }
    OmniConnectionSpec b = spec(base);
    String mine = instanceOf.get(ManifestPlanner.key(m));
    String theirs = instanceOf.get(ManifestPlanner.key(base));
    return EnvironmentRules.Base.of(
        base.name(), b, mine == null || theirs == null || Objects.equals(mine, theirs));
  }

  private static OmniConnectionSpec spec(Manifest m) {
    OmniConnectionSpec s = ((OmniConnection) m.resource()).getSpec();
    return s == null ? new OmniConnectionSpec() : s;
  }
}
