package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Secrets store keeps whole only what an OmniConnection references. */
class ReferencedSecretsTest {
  private final ReferencedSecrets store = new ReferencedSecrets();

  static Secret secret(String name, String version, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace("team")
        .withName(name)
        .withUid("uid-" + name)
        .withResourceVersion(version)
        .withLabels(Map.of("owner", "helm"))
        .endMetadata()
        .withData(Map.of("password", value))
        .build();
  }

  private void putAll(Secret... secrets) {
    for (Secret s : secrets) {
      store.put(store.getKey(s), s);
    }
  }

  @Test
  void beforeTheConnectionsAreKnownOnlyTypesThatCannotHoldACredentialAreTrimmed() {
    Secret helm = secret("sh.helm.release.v1.app.v1", "1", "QUJD");
    helm.setType("helm.sh/release.v1");
    Secret token = secret("sa-token", "1", "dG9r");
    token.setType("kubernetes.io/service-account-token");
    Secret basic = secret("basic", "1", "cHc=");
    basic.setType("kubernetes.io/basic-auth");
    Secret opaque = secret("pg", "1", "cHc=");
    opaque.setType("Opaque");
    putAll(helm, token, basic, opaque, secret("untyped", "1", "cHc="));

    assertThat(store.isTrimmed("team", "sh.helm.release.v1.app.v1")).isTrue();
    assertThat(store.isTrimmed("team", "sa-token")).isTrue();
    assertThat(store.get("team/basic").getData()).containsKey("password");
    assertThat(store.get("team/pg").getData()).containsKey("password");
    assertThat(store.get("team/untyped").getData()).containsKey("password");
  }

  @Test
  void unreferencedSecretsKeepOnlyTheirNameAndVersion() {
    putAll(secret("pg", "1", "cHc="), secret("helm-release", "7", "QUJD"));
    store.trimUnreferenced(Set.of("team/pg")::contains);

    assertThat(store.get("team/pg").getData()).containsEntry("password", "cHc=");
    Secret trimmed = store.get("team/helm-release");
    assertThat(trimmed.getData()).isNullOrEmpty();
    assertThat(trimmed.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(trimmed.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(store.isTrimmed("team", "helm-release")).isTrue();
    assertThat(store.size()).isEqualTo(2);

    // later events follow the same rule
    putAll(secret("helm-release", "8", "REVG"), secret("other", "1", "R0hJ"));
    assertThat(store.get("team/helm-release").getData()).isNullOrEmpty();
    assertThat(store.get("team/other").getData()).isNullOrEmpty();
    putAll(secret("pg", "2", "cHcy"));
    assertThat(store.get("team/pg").getData()).containsEntry("password", "cHcy");
  }

  @Test
  void aSecretReferencedLaterIsFilledOnceAndKeptWholeFromThen() {
    putAll(secret("pg2", "3", "cHc="));
    Set<String> referenced = new java.util.HashSet<>();
    store.trimUnreferenced(referenced::contains);
    assertThat(store.isTrimmed("team", "pg2")).isTrue();

    referenced.add("team/pg2");
    store.fill(secret("pg2", "3", "cHc="));
    assertThat(store.isTrimmed("team", "pg2")).isFalse();
    assertThat(store.get("team/pg2").getData()).containsKey("password");

    // a fetched copy never replaces a whole one the informer already holds
    store.fill(secret("pg2", "2", "b2xk"));
    assertThat(store.get("team/pg2").getData()).containsEntry("password", "cHc=");
    putAll(secret("pg2", "4", "bmV3"));
    assertThat(store.get("team/pg2").getData()).containsEntry("password", "bmV3");
  }

  @Test
  void removingForgetsBoth() {
    putAll(secret("x", "1", "eA=="));
    store.trimUnreferenced(k -> false);
    store.remove("team/x");
    assertThat(store.get("team/x")).isNull();
    assertThat(store.isTrimmed("team", "x")).isFalse();
    assertThat(store.keySet()).isEmpty();
  }
}
