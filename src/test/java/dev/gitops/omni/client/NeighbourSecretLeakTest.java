package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key is the one secret the neighbour calls send. A server that echoes it back (a debug
 * proxy, an error page quoting the header) must not get it into an exception, a toString or a log.
 */
class NeighbourSecretLeakTest {

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  private List<MockResponse> failures() {
    String token = MockOmni.TOKEN;
    return List.of(
        new MockResponse.Builder()
            .code(403)
            .body("{\"detail\": \"Invalid bearer token " + token + "\", \"status\": 403}")
            .build(),
        new MockResponse.Builder()
            .code(401)
            .body(
                "{\"message\": \"no key\", \"headers\": {\"Authorization\": \"Bearer "
                    + token
                    + "\"}}")
            .build(),
        new MockResponse.Builder()
            .code(400)
            .body("{\"error\": {\"received\": \"Bearer " + token + "\"}}")
            .build(),
        new MockResponse.Builder()
            .code(502)
            .body("<html><pre>Bearer " + token + "</pre></html>")
            .build(),
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "3")
            .body(ClientFixtures.read("error-429.json"))
            .build(),
        new MockResponse.Builder().code(500).body(ClientFixtures.read("error-500.json")).build(),
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
  }

  @Test
  void theKeyReachesNoExceptionToStringOrLog() {
    List<String> seen = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs()) {
      for (Consumer<NeighbourClient> call : NeighbourErrorsTest.CALLS.values()) {
        for (MockResponse failure : failures()) {
          omni.answer(failure);
          OmniApiException e =
              catchThrowableOfType(OmniApiException.class, () -> call.accept(client));
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
    seen.add(client.toString());

    // The key did reach the server, so the echo was real.
    assertThat(omni.take().getHeaders().get("Authorization")).contains(MockOmni.TOKEN);
    assertThat(seen).allSatisfy(t -> assertThat(t).doesNotContain(MockOmni.TOKEN));
    assertThat(seen).anySatisfy(t -> assertThat(t).contains("Invalid bearer token ****"));
  }
}
