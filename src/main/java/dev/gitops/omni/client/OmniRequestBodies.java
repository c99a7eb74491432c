package dev.gitops.omni.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON request bodies. This is the only place that reveals a {@link SecretValue}; the
 * bytes it returns go to the wire and nowhere else (never a log line or an exception message).
 */
final class OmniRequestBodies {

  private OmniRequestBodies() {}

  /**
   * The create body: every non-null setting, then every credential, as top-level fields. A null
   * value is left out rather than sent as JSON null, which Omni's validation may reject.
   */
  static byte[] create(NewConnection connection) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    connection
        .settings()
        .forEach(
            (field, value) -> {
              if (value != null) {
                body.set(field.wire(), OmniJson.MAPPER.valueToTree(value));
              }
            });
    putSecrets(body, connection.secrets());
    return write(body);
  }

  /** The PATCH body: exactly the fields the patch sends (see {@link ConnectionPatch#fields()}). */
  static byte[] patch(ConnectionPatch patch) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    if (patch.baseRole() != null) {
      body.put(WireField.BASE_ROLE.wire(), patch.baseRole());
    }
    if (patch.setEnvironment()) {
      EnvironmentUserAttribute attribute = patch.environment();
      String field = WireField.ENVIRONMENT_USER_ATTRIBUTE.wire();
      if (attribute == null) {
        body.putNull(field);
      } else {
        ObjectNode node = body.putObject(field);
        node.put("attributeName", attribute.attributeName);
        ArrayNode values = node.putArray("defaultValues");
        (attribute.defaultValues == null ? List.<String>of() : attribute.defaultValues)
            .forEach(values::add);
      }
    }
    for (WireField field : patch.rotated()) {
      if (!patch.secrets().containsKey(field)) {
        throw new IllegalArgumentException("the patch rotates " + field + " but holds no value");
      }
    }
    putSecrets(body, patch.secrets());
    return write(body);
  }

  private static void putSecrets(ObjectNode body, Map<WireField, SecretValue> secrets) {
    secrets.forEach(
        (field, secret) -> {
          if (body.has(field.wire())) {
            throw new IllegalArgumentException(field + " is given both as a setting and a secret");
          }
          if (secret != null) {
            body.put(field.wire(), secret.reveal());
          }
        });
  }

  /** The plain secret values a request sends, so error text echoing one can be masked. */
  static List<String> secretValues(Map<WireField, SecretValue> secrets) {
    return secrets.values().stream().filter(s -> s != null).map(SecretValue::reveal).toList();
  }

  static byte[] write(ObjectNode body) {
    try {
      return OmniJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // No cause and no body here: either could carry a secret into a log.
      throw new IllegalStateException("could not write the Omni request body as JSON");
    }
  }
}
