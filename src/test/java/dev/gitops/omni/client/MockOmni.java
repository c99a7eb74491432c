package dev.gitops.omni.client;

import dev.gitops.omni.connection.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer standing in for an Omni instance, and clients pointed at it. Registered with
 * {@code @RegisterExtension}, it closes the clients it made and itself after each test.
 */
final class MockOmni implements AutoCloseable, AfterEachCallback {

  static final String TOKEN = "omni-test-token-4f2a9c";

  final MockWebServer server = new MockWebServer();
  private final List<OkHttpOmniClient> clients = new ArrayList<>();

  MockOmni() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OmniClientConfig config(String prefix) {
    return new OmniClientConfig(
        server.url("/").toString(),
        prefix,
        SecretValue.of(TOKEN),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        null);
  }

  OkHttpOmniClient client(String prefix) {
    OkHttpOmniClient client = new OkHttpOmniClient(config(prefix));
    clients.add(client);
    return client;
  }

  /** The neighbour calls of a new client on {@code prefix}. */
  OkHttpNeighbourClient neighbours(String prefix) {
    return new OkHttpNeighbourClient(client(prefix));
  }

  /** Answers the next request with a fixture body. */
  void answer(int code, String fixture) {
    answer(new MockResponse.Builder().code(code).body(ClientFixtures.read(fixture)).build());
  }

  void answer(MockResponse response) {
    server.enqueue(response);
  }

  RecordedRequest take() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("no request reached the mock Omni");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(OkHttpOmniClient::close);
    close();
  }

  @Override
  public void close() {
    server.close();
  }
}
