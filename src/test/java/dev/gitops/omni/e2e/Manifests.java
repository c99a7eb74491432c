package dev.gitops.omni.e2e;

/** Small manifests the e2e tests apply, written as a user would write them. */
final class Manifests {
  private Manifests() {}

  static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s}
        """
        .formatted(name);
  }

  /** A Secret holding {@code password}, and a Postgres connection using it. */
  static String postgres(String namespace, String name, String password, String extraSpec) {
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: %2$s-credentials, namespace: %1$s}
        stringData: {password: %3$s}
        ---
        %4$s"""
        .formatted(namespace, name, password, connection(namespace, name, extraSpec));
  }

  /** A Postgres connection whose password Secret is {@code <name>-credentials}. */
  static String connection(String namespace, String name, String extraSpec) {
    return """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: %2$s, namespace: %1$s}
        spec:
          dialect: postgres
          name: %1$s %2$s
          host: db.example.internal
          port: 5432
          database: analytics
          username: omni
          passwordSecretRef: {name: %2$s-credentials, key: password}
        %3$s"""
        .formatted(namespace, name, extraSpec.indent(2));
  }
}
