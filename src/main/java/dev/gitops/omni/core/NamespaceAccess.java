package dev.gitops.omni.core;

import dev.gitops.omni.model.NamespaceConditions;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a namespace may use a ClusterOmniInstance: it is named in spec.namespaces.names, or its
 * labels match spec.namespaces.selector; neither set lets every namespace. The selector is matched
 * as Kubernetes matches label selectors (matchLabels and In, NotIn, Exists, DoesNotExist): a few
 * lines here, as Fabric8's client has no public matcher for a selector object.
 */
public final class NamespaceAccess {
  private NamespaceAccess() {}

  public static boolean allows(
      NamespaceConditions c, String namespace, Map<String, String> labels) {
    boolean names = c != null && c.names != null && !c.names.isEmpty();
    boolean selector = c != null && c.selector != null;
    if (!names && !selector) {
      return true;
    }
    return (names && c.names.contains(namespace)) || (selector && matches(c.selector, labels));
  }

  /** Whether a namespace's labels are asked for to decide (a selector is set). */
  public static boolean needsLabels(NamespaceConditions c) {
    return c != null && c.selector != null;
  }

  public static boolean matches(LabelSelector s, Map<String, String> labels) {
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
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> have.containsKey(r.getKey());
      case "DoesNotExist" -> !have.containsKey(r.getKey());
      default -> false; // an operator Kubernetes does not know selects nothing
    };
  }
}
