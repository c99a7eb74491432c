package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.SECRET;
import static dev.gitops.omni.simulator.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's own BigQuery service-account rule, on its own and over HTTP (create and password
 * rotation): one table of keys, one exact detail, never the key's content.
 */
class ServiceAccountKeyRuleTest {
  static final String DETAIL = "Bad Request: passwordUnencrypted: Invalid service account JSON";

  /** The fields of a Google key file, spelled out here rather than read from the rule. */
  static final List<String> GOOGLE_KEY_FIELDS =
      List.of(
          "type",
          "project_id",
          "private_key_id",
          "private_key",
          "client_email",
          "client_id",
          "auth_uri",
          "token_uri",
          "auth_provider_x509_cert_url",
          "client_x509_cert_url");

  @RegisterExtension final SimulatorPerTest sim = new SimulatorPerTest();

  static Stream<Arguments> validKeys() {
    return Stream.of(
        Arguments.of("a key as Google issues it", Bodies.serviceAccount("p")),
        Arguments.of(
            "a newer key with universe_domain",
            edit(Bodies.serviceAccount("p"), k -> k.put("universe_domain", "googleapis.com"))),
        Arguments.of("surrounding whitespace", "\n  " + Bodies.serviceAccount("p") + "\n"));
  }

  static Stream<Arguments> invalidKeys() {
    String key = Bodies.serviceAccount("p");
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("not JSON", SECRET));
    cases.add(Arguments.of("truncated JSON", key.substring(0, key.length() - 1)));
    cases.add(Arguments.of("a JSON array", "[" + key + "]"));
    cases.add(Arguments.of("a JSON string", "\"service_account\""));
    cases.add(Arguments.of("a JSON number", "42"));
    cases.add(Arguments.of("JSON null", "null"));
    cases.add(Arguments.of("an empty object", "{}"));
    cases.add(
        Arguments.of("type authorized_user", edit(key, k -> k.put("type", "authorized_user"))));
    cases.add(Arguments.of("type in upper case", edit(key, k -> k.put("type", "SERVICE_ACCOUNT"))));
    cases.add(Arguments.of("type a number", edit(key, k -> k.put("type", 1))));
    cases.add(Arguments.of("type null", edit(key, k -> k.putNull("type"))));
    cases.add(Arguments.of("private_key blank", edit(key, k -> k.put("private_key", "  "))));
    cases.add(
        Arguments.of(
            "private_key an object",
            edit(key, k -> k.putObject("private_key").put("pem", SECRET))));
    cases.add(Arguments.of("client_email a number", edit(key, k -> k.put("client_email", 7))));
    cases.add(
        Arguments.of(
            "client_email spelt clientEmail",
            edit(
                key,
                k -> {
                  k.set("clientEmail", k.remove("client_email"));
                })));
    for (String field : GOOGLE_KEY_FIELDS) {
      cases.add(Arguments.of("missing " + field, edit(key, k -> k.remove(field))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validKeys")
  void theRuleAcceptsAServiceAccountKey(String label, String key) {
    assertThat(ServiceAccountKeyRule.accepts(key)).isTrue();
    assertThatCode(() -> ServiceAccountKeyRule.check(key)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidKeys")
  void theRuleRejectsWithOmnisDetail(String label, String key) {
    assertThat(ServiceAccountKeyRule.accepts(key)).isFalse();
    ApiError e = catchThrowableOfType(ApiError.class, () -> ServiceAccountKeyRule.check(key));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).isEqualTo(DETAIL);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n"})
  void nothingIsNotAKey(String key) {
    assertThat(ServiceAccountKeyRule.accepts(key)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validKeys")
  void createAndRotationAcceptAServiceAccountKey(String label, String key) {
    SimClient api = new SimClient(sim.get(), "v1");
    String created = api.createOk(with(Bodies.bigquery("created"), "passwordUnencrypted", key));
    String rotated = api.createOk(Bodies.bigquery("rotated"));

    assertThat(api.patch(rotated, Map.of("passwordUnencrypted", key)).status()).isEqualTo(200);
    assertThat(sim.get().secretMatches(created, "passwordUnencrypted", key)).isTrue();
    assertThat(sim.get().secretMatches(rotated, "passwordUnencrypted", key)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidKeys")
  void createAnswersTheSameDetailOverHttp(String label, String key) {
    SimClient.Resp r =
        new SimClient(sim.get(), "v1")
            .create(with(Bodies.bigquery("bq"), "passwordUnencrypted", key));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo(DETAIL);
    assertThat(r.raw()).doesNotContain(SECRET);
    assertThat(sim.get().connections()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidKeys")
  void rotationAnswersTheSameDetailOverHttp(String label, String key) {
    SimClient api = new SimClient(sim.get(), "v1");
    String id = api.createOk(Bodies.bigquery("bq"));

    SimClient.Resp r = api.patch(id, Map.of("passwordUnencrypted", key));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo(DETAIL);
    assertThat(r.raw()).doesNotContain(SECRET);
    assertThat(sim.get().connection(id).orElseThrow().credentialsGeneration()).isZero();
  }

  @Test
  void otherDialectsTakeAnyPassword() {
    SimClient api = new SimClient(sim.get(), "v1");
    String id = api.createOk(Bodies.postgres("pg"));

    assertThat(api.patch(id, Map.of("passwordUnencrypted", "not a key")).status()).isEqualTo(200);
  }

  private static String edit(String key, Consumer<ObjectNode> change) {
    try {
      ObjectNode node = (ObjectNode) SimClient.JSON.readTree(key);
      change.accept(node);
      return SimClient.JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
