package dev.gitops.omni.sandbox;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.model.OmniInstance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the instance CRDs' schema and CEL rules refuse, checked on the files so that {@code plan},
 * {@code import} and the sandbox (whose embedded API server has no schema validation) refuse what
 * {@code kubectl apply} would: spec.url and spec.tokenSecretRef required, the URL and poll interval
 * patterns, requestsPerMinute at least 1, and tokenSecretRef.namespace required on a
 * ClusterOmniInstance and not allowed on an OmniInstance. Messages name the field, never a value.
 */
final class InstanceChecks {
  /** The CRD's patterns. */
  static final Pattern URL = Pattern.compile(InstanceSettings.URL_PATTERN);

  static final Pattern POLL_INTERVAL = Pattern.compile(InstanceSettings.POLL_INTERVAL_PATTERN);

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private InstanceChecks() {}

  /** Fails with {@code label: field: what is wrong} on the first problem; other kinds pass. */
  static void check(HasMetadata resource, String label) {
    if (resource instanceof OmniInstance i) {
      settings(i.getSpec(), label);
      if (i.getSpec().tokenSecretRef.namespace != null) {
        fail(
            label,
            "spec.tokenSecretRef.namespace is not allowed on an OmniInstance: its Secret is in its"
                + " own namespace (remove the field)");
      }
    } else if (resource instanceof ClusterOmniInstance c) {
      settings(c.getSpec(), label);
      if (c.getSpec().tokenSecretRef.namespace == null) {
        fail(
            label,
            "spec.tokenSecretRef.namespace is required on a ClusterOmniInstance: name the"
                + " namespace of its Secret");
      }
      if (c.getSpec().namespaces != null && c.getSpec().namespaces.selector != null) {
        selector(c.getSpec().namespaces.selector.getMatchExpressions(), label);
      }
    }
  }

  private static void settings(InstanceSettings spec, String label) {
    if (spec == null || spec.url == null) {
      fail(label, "spec.url is required: the Omni organisation, e.g. https://myorg.omniapp.co");
    }
    if (!URL.matcher(spec.url).matches()) {
      fail(
          label,
          "spec.url must be a URL like https://myorg.omniapp.co (with https://; no user, password"
              + " or query)");
    }
    if (spec.tokenSecretRef == null || spec.tokenSecretRef.name == null) {
      fail(label, "spec.tokenSecretRef.name is required: the Secret holding the Omni API key");
    }
    if (spec.tokenSecretRef.key == null || spec.tokenSecretRef.key.isBlank()) {
      fail(label, "spec.tokenSecretRef.key must name a key of the Secret (default token)");
    }
    if (spec.requestsPerMinute != null && spec.requestsPerMinute < 1) {
      fail(label, "spec.requestsPerMinute must be at least 1");
    }
    if (spec.pollInterval != null && !POLL_INTERVAL.matcher(spec.pollInterval).matches()) {
      fail(label, "spec.pollInterval must be a duration like 30s, 5m or 1h");
    }
  }

  private static void selector(List<LabelSelectorRequirement> expressions, String label) {
    if (expressions == null) {
      return;
    }
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String field = "spec.namespaces.selector.matchExpressions[" + i + "]";
      if (r.getKey() == null || r.getOperator() == null) {
        fail(label, field + ": key and operator are required");
      }
      if (!OPERATORS.contains(r.getOperator())) {
        fail(label, field + ".operator must be one of In, NotIn, Exists, DoesNotExist");
      }
      boolean values = r.getValues() != null && !r.getValues().isEmpty();
      boolean wantsValues = r.getOperator().equals("In") || r.getOperator().equals("NotIn");
      if (values != wantsValues) {
        fail(
            label,
            field
                + ".values must be "
                + (wantsValues ? "set for In and NotIn" : "empty for Exists and DoesNotExist"));
      }
    }
  }

  private static void fail(String label, String problem) {
    throw new ManifestException(label + ": " + problem);
  }
}
