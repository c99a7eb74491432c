package dev.gitops.omni.cli;

/**
 * A two-team layout in manifests: namespace team-a uses the ClusterOmniInstance team-a (which
 * admits only team-a, its key in a Secret in omni-system), namespace team-b its own OmniInstance
 * omni; each namespace holds a Secret pg for its connections' passwords.
 */
final class TwoTeams {
  private TwoTeams() {}

  static String instances(String url, String keyA, String keyB) {
    return common(url, keyA) + secretB(keyB) + instanceB(url);
  }

  /** The same without the Secret holding team-b's key. */
  static String withoutSecretB(String url, String keyA) {
    return common(url, keyA) + instanceB(url);
  }

  private static String common(String url, String keyA) {
    return """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: omni-system}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-a}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-b}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: omni-team-a, namespace: omni-system}
        stringData: {token: %s}
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: ClusterOmniInstance
        metadata: {name: team-a}
        spec:
          url: %s
          tokenSecretRef: {name: omni-team-a, namespace: omni-system}
          namespaces: {names: [team-a]}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: pg, namespace: team-a}
        stringData: {password: pw-a}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: pg, namespace: team-b}
        stringData: {password: pw-b}
        """
        .formatted(keyA, url);
  }

  private static String secretB(String keyB) {
    return """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: omni, namespace: team-b}
        stringData: {token: %s}
        """
        .formatted(keyB);
  }

  private static String instanceB(String url) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniInstance
        metadata: {name: omni, namespace: team-b}
        spec:
          url: %s
          tokenSecretRef: {name: omni}
        """
        .formatted(url);
  }

  /** A postgres OmniConnection; {@code instanceRef} is a YAML flow mapping, or null for none. */
  static String pg(String namespace, String name, String instanceRef) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: %s, namespace: %s}
        spec:
          dialect: postgres
          host: db.%s
          database: analytics
          username: omni
          baseRole: VIEWER
          passwordSecretRef: {name: pg, key: password}
        %s"""
        .formatted(
            name,
            namespace,
            namespace,
            instanceRef == null ? "" : "  instanceRef: " + instanceRef + "\n");
  }
}
