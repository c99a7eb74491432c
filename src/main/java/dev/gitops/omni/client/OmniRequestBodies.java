package dev.gitops.omni.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the JSON request bodies. This is the only place that reveals a {@link SecretValue}; the
 * bytes it returns go to the wire and nowhere else (never a log line or an exception message).
 */
final class OmniRequestBodies {

  private OmniRequestBodies() {}

  /**
   * The create body: every non-null setting, then every secret, as top-level fields. A null value
   * is left out rather than sent as JSON null, which Omni's validation may reject.
   */
  static byte[] create(CreateRequest request) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    request
        .settings()
        .forEach(
            (field, value) -> {
              if (value instanceof SecretValue) {
                throw new IllegalArgumentException(
                    "create setting " + field + " holds a secret: pass it in secrets");
              }
              if (value != null) {
                body.set(field, OmniJson.MAPPER.valueToTree(value));
              }
            });
    request
        .secrets()
        .forEach(
            (field, secret) -> {
              if (body.has(field)) {
                throw new IllegalArgumentException(
                    "create field " + field + " is given both as a setting and as a secret");
              }
              if (secret != null) {
                body.put(field, secret.reveal());
              }
            });
    return write(body);
  }

  /** The PATCH body: only the fields the request sets (see {@link PatchRequest#fieldNames()}). */
  static byte[] patch(PatchRequest request) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    if (request.baseRole() != null) {
      body.put("baseRole", request.baseRole());
    }
    if (request.setEnvironment()) {
      PatchRequest.EnvironmentAttribute attribute = request.environmentUserAttribute();
      if (attribute == null) {
        body.putNull("environmentUserAttribute");
      } else {
        ObjectNode node = body.putObject("environmentUserAttribute");
        node.put("attributeName", attribute.attributeName());
        ArrayNode values = node.putArray("defaultValues");
        attribute.defaultValues().forEach(values::add);
      }
    }
    if (request.passwordUnencrypted() != null) {
      body.put("passwordUnencrypted", request.passwordUnencrypted().reveal());
    }
    if (request.privateKey() != null) {
      body.put("privateKey", request.privateKey().reveal());
    }
    return write(body);
  }

  /** The plain secret values a create sends, so error text echoing one can be masked. */
  static List<String> secretValues(CreateRequest request) {
    List<String> values = new ArrayList<>();
    request.secrets().values().stream().filter(s -> s != null).forEach(s -> values.add(s.reveal()));
    return values;
  }

  /** The plain secret values a PATCH sends, so error text echoing one can be masked. */
  static List<String> secretValues(PatchRequest request) {
    List<String> values = new ArrayList<>();
    if (request.passwordUnencrypted() != null) {
      values.add(request.passwordUnencrypted().reveal());
    }
    if (request.privateKey() != null) {
      values.add(request.privateKey().reveal());
    }
    return values;
  }

  private static byte[] write(ObjectNode body) {
    try {
      return OmniJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // No cause and no body here: either could carry a secret into a log.
      throw new IllegalStateException("could not write the Omni request body as JSON");
    }
  }
}
