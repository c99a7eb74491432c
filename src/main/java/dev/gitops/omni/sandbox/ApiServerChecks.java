package dev.gitops.omni.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Kubernetes API server checks on a document beside its types, so {@code plan} and the
 * sandbox refuse what {@code kubectl apply} would: names that are not DNS-1123, keys it does not
 * know in {@code metadata} and at the top of a Secret (the Fabric8 model keeps unknown keys there
 * instead of failing), and Secret data that is not base64. Messages name the field, never a value.
 */
final class ApiServerChecks {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Set<String> METADATA_KEYS =
      Set.of(
          "name",
          "namespace",
          "labels",
          "annotations",
          "generateName",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "finalizers",
          "ownerReferences",
          "managedFields",
          "selfLink");

  private static final Map<String, Set<String>> TOP_LEVEL_KEYS =
      Map.of(
          "Secret",
              Set.of("apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable"),
          "Namespace", Set.of("apiVersion", "kind", "metadata", "spec", "status"),
          "OmniConnection", Set.of("apiVersion", "kind", "metadata", "spec", "status"),
          "OmniInstance", Set.of("apiVersion", "kind", "metadata", "spec", "status"),
          "ClusterOmniInstance", Set.of("apiVersion", "kind", "metadata", "spec", "status"));

  private ApiServerChecks() {}

  /** Fails with {@code label: field: what is wrong} on the first problem. */
  static void check(String kind, JsonNode doc, String label) {
    knownKeys(doc, TOP_LEVEL_KEYS.get(kind), "", label);
    JsonNode metadata = doc.path("metadata");
    if (metadata.isObject()) {
      knownKeys(metadata, METADATA_KEYS, "metadata.", label);
    }
    String name = metadata.path("name").asText("");
    if ("Namespace".equals(kind) ? !isLabel(name) : !isSubdomain(name)) {
      throw new ManifestException(
          label
              + ": metadata.name must be a DNS-1123 "
              + ("Namespace".equals(kind) ? LABEL_RULE : SUBDOMAIN_RULE));
    }
    JsonNode namespace = metadata.path("namespace");
    if (namespace.isTextual() && !isLabel(namespace.asText())) {
      throw new ManifestException(label + ": metadata.namespace must be a DNS-1123 " + LABEL_RULE);
    }
    if ("Secret".equals(kind) && doc.path("data").isObject()) {
      doc.path("data")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual() && !isBase64(e.getValue().asText())) {
                  throw new ManifestException(
                      label
                          + ": data."
                          + e.getKey()
                          + ": not valid base64 (put plain text under stringData instead)");
                }
              });
    }
  }

  static final String LABEL_RULE =
      "label: lowercase letters, digits and '-', at most 63 characters, starting and ending with a"
          + " letter or digit";
  static final String SUBDOMAIN_RULE =
      "subdomain: lowercase letters, digits, '-' and '.', at most 253 characters, starting and"
          + " ending with a letter or digit";

  private static void knownKeys(JsonNode node, Set<String> known, String prefix, String label) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                throw new ManifestException(
                    label
                        + ": "
                        + prefix
                        + k
                        + ": unknown field (check its spelling and indentation)");
              }
            });
  }

  static boolean isLabel(String s) {
    return s.length() <= 63 && LABEL.matcher(s).matches();
  }

  static boolean isSubdomain(String s) {
    return s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
  }

  /**
   * Standard base64 as the API server decodes it: padded; line breaks (base64's wrapping) ignored.
   */
  private static boolean isBase64(String s) {
    try {
      Base64.getDecoder().decode(s.replaceAll("[\r\n]", ""));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
