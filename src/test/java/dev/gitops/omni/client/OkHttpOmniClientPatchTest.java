package dev.gitops.omni.client;

import static dev.gitops.omni.client.ClientFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PATCH on the wire: only what changed, the environment attribute's shapes, Omni's messages. */
class OkHttpOmniClientPatchTest {

  private static final String ID = "c0f12353-4817-4398-bcc0-d501e6dd2f64";

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpOmniClient client = omni.client("v1");

  @Test
  void patchSendsOnlyTheBaseRoleWhenOnlyThatChanges() {
    omni.answer(200, "patch-200-role.json");

    String message = client.patch(ID, Requests.patch("VIEWER", false, null, null, null));

    RecordedRequest request = omni.take();
    assertThat(message).isEqualTo("Updated connection default role.");
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getTarget()).isEqualTo("/api/v1/connections/" + ID);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(body(request)).isEqualTo(ClientFixtures.json("{\"baseRole\": \"VIEWER\"}"));
  }

  @Test
  void patchSendsTheEnvironmentAttributeInItsCurrentShape() {
    omni.answer(200, "patch-200-role-and-attribute.json");
    var attribute = new EnvironmentUserAttribute("environment", List.of("prod", "dev"));

    String message = client.patch(ID, Requests.patch("QUERIER", true, attribute, null, null));

    assertThat(message).isEqualTo("Updated connection default role and user attribute settings.");
    assertThat(body(omni.take()))
        .isEqualTo(
            ClientFixtures.json(
                "{\"baseRole\": \"QUERIER\", \"environmentUserAttribute\":"
                    + " {\"attributeName\": \"environment\", \"defaultValues\": [\"prod\","
                    + " \"dev\"]}}"));
  }

  @Test
  void patchSendsAnExplicitNullToRemoveTheEnvironmentAttribute() {
    omni.answer(200, "patch-200-environment.json");

    String message = client.patch(ID, Requests.patch(null, true, null, null, null));

    JsonNode sent = body(omni.take());
    assertThat(message).isEqualTo("Updated environment user attribute settings.");
    assertThat(sent).isEqualTo(ClientFixtures.json("{\"environmentUserAttribute\": null}"));
    assertThat(sent.has("environmentUserAttribute")).isTrue();
  }

  @Test
  void patchLeavesOutTheEnvironmentAttributeUnlessAskedToSetIt() {
    omni.answer(200, "patch-200-credentials.json");
    var ignored = new EnvironmentUserAttribute("environment", List.of("prod"));

    String message =
        client.patch(
            ID,
            Requests.patch(null, false, ignored, SecretValue.of("new-pw"), SecretValue.of("PEM")));

    assertThat(message).isEqualTo("Updated connection credentials.");
    assertThat(body(omni.take()))
        .isEqualTo(
            ClientFixtures.json("{\"passwordUnencrypted\": \"new-pw\", \"privateKey\": \"PEM\"}"));
  }

  @Test
  void patchReturnsTheNoUpdatesMessage() {
    omni.answer(200, "patch-200-no-updates.json");

    assertThat(client.patch(ID, Requests.patch("VIEWER", false, null, null, null)))
        .isEqualTo("No updates were made to the connection.");
  }

  @Test
  void anEmptyPatchIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.patch(ID, Requests.patch(null, false, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(omni.server.getRequestCount()).isZero();
  }
}
