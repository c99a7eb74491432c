package dev.gitops.omni.cli;

import dev.gitops.omni.model.NamespaceConditions;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a namespace may use a ClusterOmniInstance, decided as the operator decides it: named in
 * spec.namespaces.names, or labels matching spec.namespaces.selector (matchLabels and In, NotIn,
 * Exists, DoesNotExist; an unknown operator selects nothing); neither set lets every namespace.
 *
 * <p>The same rules as the operator's package-private {@code NamespaceAccess}, which the command
 * line cannot call; {@code NamespaceAdmissionParityTest} (in the operator's test package) holds the
 * two to the same answers. Public only for that test.
 */
public final class NamespaceAdmission {
  private NamespaceAdmission() {}

  public static boolean allows(
      NamespaceConditions c, String namespace, Map<String, String> labels) {
    boolean names = c != null && c.names != null && !c.names.isEmpty();
    boolean selector = c != null && c.selector != null;
    if (!names && !selector) {
      return true;
    }
    return (names && c.names.contains(namespace)) || (selector && matches(c.selector, labels));
  }

  /** Whether the namespace's labels are needed to decide (a selector is set). */
  public static boolean needsLabels(NamespaceConditions c) {
    return c != null && c.selector != null;
  }

  static boolean matches(LabelSelector s, Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (s.getMatchLabels() != null) {
      for (var e : s.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(have.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (s.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : s.getMatchExpressions()) {
        if (!matches(r, have)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> have) {
    String value = have.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator() == null ? "" : r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> have.containsKey(r.getKey());
      case "DoesNotExist" -> !have.containsKey(r.getKey());
      default -> false;
    };
  }
}
