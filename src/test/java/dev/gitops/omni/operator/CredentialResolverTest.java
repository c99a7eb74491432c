package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials that cannot be right are refused before any Omni call, by Secret and key only. */
class CredentialResolverTest {

  static Secret secret(Map<String, String> data, Map<String, String> stringData) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("pg")
        .withNamespace("team")
        .withUid("u1")
        .withResourceVersion("1")
        .endMetadata()
        .withData(data)
        .withStringData(stringData)
        .build();
  }

  static CredentialResolver.Resolved resolve(Secret s) {
    OmniConnection r = Harness.postgres("sales");
    return new CredentialResolver((ns, name) -> Optional.of(s)).resolve(r);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty stringData   | ''        |           | InvalidCredentials | Secret team/pg key 'password' is empty: put the credential in it",
        "empty data         |           | ''        | InvalidCredentials | Secret team/pg key 'password' is empty: put the credential in it",
        "data not base64    |           | pw!*      | InvalidCredentials | Secret team/pg key 'password' is not valid base64: put the plain value under stringData instead",
        "padding inside     |           | cHc=cHc=  | InvalidCredentials | Secret team/pg key 'password' is not valid base64: put the plain value under stringData instead",
      })
  void aCredentialThatCannotBeRightIsRefusedByNameAndKey(
      String row, String stringValue, String dataValue, String reason, String message) {
    Secret s =
        secret(
            dataValue == null ? null : Map.of("password", dataValue),
            stringValue == null ? null : Map.of("password", stringValue));

    var resolved = resolve(s);

    assertThat(resolved.ok()).isFalse();
    assertThat(resolved.failureReason().text()).isEqualTo(reason);
    assertThat(resolved.failureMessage()).isEqualTo(message);
    if (dataValue != null && !dataValue.isEmpty()) {
      assertThat(resolved.failureMessage()).doesNotContain(dataValue);
    }
  }

  @org.junit.jupiter.api.Test
  void dataWrappedOverLinesAsBase64WrapsItResolvesAsTheApiServerDecodesIt() {
    var resolved = resolve(secret(Map.of("password", "cHct\nMQ==\n"), null));

    assertThat(resolved.ok()).as(resolved.failureMessage()).isTrue();
    assertThat(resolved.values().get(WireField.PASSWORD).reveal()).isEqualTo("pw-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"stringData | pw-1 |", "data       |      | cHctMQ=="})
  void aGoodValueResolves(String row, String stringValue, String dataValue) {
    Secret s =
        secret(
            dataValue == null ? null : Map.of("password", dataValue),
            stringValue == null ? null : Map.of("password", stringValue));

    var resolved = resolve(s);

    assertThat(resolved.ok()).isTrue();
    assertThat(resolved.values().get(WireField.PASSWORD).reveal()).isEqualTo("pw-1");
  }
}
