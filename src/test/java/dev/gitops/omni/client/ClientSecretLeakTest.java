package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Known secrets go through create and patch while the server fails every way it can; none may
 * surface in an exception, a toString or a log line.
 */
class ClientSecretLeakTest {

  private static final String PASSWORD = "pw-Sup3rS3cret-7731";
  private static final String PRIVATE_KEY =
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
  private static final String OAUTH_SECRET = "oauth-client-secret-0042";
  private static final List<String> SECRETS =
      List.of(
          PASSWORD, PRIVATE_KEY, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", OAUTH_SECRET, MockOmni.TOKEN);

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpOmniClient client = omni.client("v1");

  /** Every failure the server can answer with, one per call; some echo what was sent. */
  private List<MockResponse> failures() {
    return List.of(
        new MockResponse.Builder()
            .code(400)
            .body(ClientFixtures.read("error-400-invalid-json.json"))
            .build(),
        new MockResponse.Builder()
            .code(400)
            .body("{\"detail\": \"Bad Request: passwordUnencrypted: " + PASSWORD + " is weak\"}")
            .build(),
        new MockResponse.Builder()
            .code(400)
            .body("<html><pre>" + PRIVATE_KEY + "</pre></html>")
            .build(),
        new MockResponse.Builder()
            .code(403)
            .body(ClientFixtures.read("error-403-permission-denied.json"))
            .build(),
        new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build(),
        new MockResponse.Builder().code(500).body(ClientFixtures.read("error-500.json")).build(),
        new MockResponse.Builder().code(502).body(ClientFixtures.read("error-502.html")).build(),
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
  }

  @Test
  void noSecretReachesAnExceptionAToStringOrALog() {
    NewConnection create =
        Requests.create(
            Map.of("dialect", "snowflake", "name", "wh", "host", "myorg"),
            Map.of(
                "passwordUnencrypted", SecretValue.of(PASSWORD),
                "privateKey", SecretValue.of(PRIVATE_KEY),
                "oauthClientSecretUnencrypted", SecretValue.of(OAUTH_SECRET)));
    ConnectionPatch patch =
        Requests.patch(
            "VIEWER", false, null, SecretValue.of(PASSWORD), SecretValue.of(PRIVATE_KEY));
    List<Function<OmniClient, Object>> calls =
        List.of(c -> c.create(create), c -> c.patch("abc-123", patch));
    List<String> seen = new ArrayList<>();

    try (CapturedLogs logs = new CapturedLogs()) {
      for (Function<OmniClient, Object> call : calls) {
        for (MockResponse failure : failures()) {
          omni.answer(failure);
          OmniApiException e =
              catchThrowableOfType(OmniApiException.class, () -> call.apply(client));
          assertThat(e).isNotNull();
          for (Throwable t = e; t != null; t = t.getCause()) {
            seen.add(t.toString());
            seen.add(String.valueOf(t.getMessage()));
          }
          seen.add(e.detail());
        }
      }
      seen.addAll(logs.texts());
      assertThat(logs.events()).as("the debug lines were captured").isNotEmpty();
    }
    seen.add(create.toString());
    seen.add(patch.toString());
    seen.add(omni.config("v1").toString());
    seen.add(client.toString());

    // The secrets did reach the server, so the test exercised real bodies.
    assertThat(omni.take().getBody().utf8()).contains(PASSWORD, OAUTH_SECRET);
    for (String text : seen) {
      for (String secret : SECRETS) {
        assertThat(text).as("text seen by a user").doesNotContain(secret);
      }
    }
    assertThat(seen).anySatisfy(t -> assertThat(t).contains("is weak"));
  }
}
