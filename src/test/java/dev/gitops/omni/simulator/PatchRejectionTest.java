package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.environmentPatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PATCH {prefix}/connections/{id}}: every documented error. */
class PatchRejectionTest {
  @RegisterExtension final SimulatorPerTest sim = new SimulatorPerTest();

  @Test
  void attributeValueAlreadyInUseOnAnotherLiveConnection() {
    SimClient c = new SimClient(sim.get(), "v1");
    String a = c.createOk(Bodies.postgres("a"));
    String b = c.createOk(Bodies.postgres("b"));
    c.patch(a, environmentPatch("environment", "prod"));

    SimClient.Resp r = c.patch(b, environmentPatch("environment", "dev", "prod"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo("User attribute value \"prod\" is already in use");
    assertThat(sim.get().connection(b).orElseThrow().environmentAttributeName()).isNull();

    // another attribute name, or the holder archived, frees the value
    assertThat(c.patch(b, environmentPatch("region", "prod")).status()).isEqualTo(200);
    c.delete(a);
    assertThat(c.patch(b, environmentPatch("environment", "prod")).status()).isEqualTo(200);
  }

  @Test
  void bigQueryRotationMustStillBeAServiceAccount() {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.bigquery("bq"));

    SimClient.Resp r = c.patch(id, Map.of("passwordUnencrypted", "not json"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail())
        .isEqualTo("Bad Request: passwordUnencrypted: Invalid service account JSON");
    assertThat(sim.get().connection(id).orElseThrow().credentialsGeneration()).isZero();
  }

  static Stream<Arguments> invalidPatches() {
    return Stream.of(
        Arguments.of("not json", "{\"baseRole\"", "Bad Request: Invalid JSON"),
        Arguments.of("empty object", "{}", "Bad Request: Empty request body"),
        Arguments.of("no body at all", "", "Bad Request: Empty request body"),
        Arguments.of(
            "name cannot change",
            "{\"name\": \"x\"}",
            "Bad Request: formErrors: Unrecognized key(s) in object: 'name'"),
        Arguments.of(
            "several immutable keys",
            "{\"host\": \"h\", \"baseRole\": \"VIEWER\"," + " \"port\": 1}",
            "Bad Request: formErrors: Unrecognized key(s) in object: 'host', 'port'"),
        Arguments.of(
            "unknown role",
            "{\"baseRole\": \"ROOT\"}",
            "Bad Request: baseRole: Invalid enum value"),
        Arguments.of(
            "null role", "{\"baseRole\": null}", "Bad Request: baseRole: Invalid enum value"),
        Arguments.of(
            "empty password",
            "{\"passwordUnencrypted\": \"\"}",
            "Bad Request: passwordUnencrypted: Required"),
        Arguments.of(
            "attribute without name",
            "{\"environmentUserAttribute\": {\"defaultValues\": [\"prod\"]}}",
            "Bad Request: environmentUserAttribute.attributeName: Required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPatches")
  void invalidPatchesAreRejected(String why, String body, String detail) {
    for (String api : new String[] {"v1", "unstable"}) {
      SimClient c = new SimClient(sim.get(), api);
      String id = c.createOk(Bodies.postgres("p"));

      SimClient.Resp r = c.send("PATCH", "/" + id, body);

      assertThat(r.status()).as(api).isEqualTo(400);
      assertThat(r.detail()).as(api).isEqualTo(detail);
      assertThat(r.json().get("status").asInt()).isEqualTo(400);
    }
  }

  @Test
  void unknownAndArchivedIdsAreNotFound() {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.postgres("p"));
    c.delete(id);

    for (String target : List.of(id, "00000000-0000-0000-0000-000000000000")) {
      SimClient.Resp r = c.patch(target, Map.of("baseRole", "VIEWER"));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).isEqualTo("Connection not found");
    }
  }

  @Test
  void unknownIdOnUnstableIsNotFoundToo() {
    SimClient.Resp r =
        new SimClient(sim.get(), "unstable").patch("no-such-id", Map.of("baseRole", "VIEWER"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.detail()).isEqualTo("Connection not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "POST"})
  void wrongMethodOnAnItemIsInvalidMethod(String method) {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.postgres("p"));

    SimClient.Resp r = c.send(method, "/" + id, "{\"baseRole\": \"VIEWER\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).isEqualTo("Invalid method");
  }
}
