package dev.gitops.omni.ship;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.SecretKeyRef;
import dev.gitops.omni.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/**
 * The pieces both in-process rigs of this package ({@link ArgoHealthLiveTest}, {@link LiveMetrics})
 * build alike: the Omni client the operator is wired with, the Secret team/pg and a Postgres
 * OmniConnection in namespace {@value #NS}.
 */
final class LiveRig {
  static final String NS = "team";

  private LiveRig() {}

  /** Omni's HTTP client for {@code config}'s URL, API prefix and token, with 5 s timeouts. */
  static OkHttpOmniClient omniClient(OperatorConfig config) {
    return new OkHttpOmniClient(
        new OmniClientConfig(
            config.omniUrl().toString(),
            config.apiPrefix(),
            config.token(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            null));
  }

  /** Creates the Secret team/pg whose key password the connections refer to. */
  static void createPasswordSecret(KubernetesClient k8s) {
    k8s.secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("pg")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("password", "s3cret"))
                .build())
        .create();
  }

  /** A Postgres OmniConnection team/{@code name} whose password is in Secret {@code secret}. */
  static OmniConnection postgres(String name, String secret) {
    OmniConnection r = new OmniConnection();
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    OmniConnectionSpec s = new OmniConnectionSpec();
    s.dialect = Dialect.postgres;
    s.host = "db.internal";
    s.port = 5432;
    s.database = "analytics";
    s.username = "omni";
    s.baseRole = "VIEWER";
    s.passwordSecretRef = new SecretKeyRef(secret, "password");
    r.setSpec(s);
    return r;
  }
}
