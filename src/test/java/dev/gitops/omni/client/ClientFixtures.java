package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;

/**
 * Reads the Omni response bodies under {@code src/test/resources/omni-fixtures/}, and the JSON a
 * request sent.
 */
final class ClientFixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClientFixtures() {}

  static String read(String name) {
    try (InputStream in = ClientFixtures.class.getResourceAsStream("/omni-fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON body a request carried. */
  static JsonNode body(RecordedRequest request) {
    return json(request.getBody().utf8());
  }
}
