package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.environmentPatch;
import static dev.gitops.omni.simulator.Bodies.environmentRemoval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PATCH {prefix}/connections/{id}}: the five messages; the errors are in {@link
 * PatchRejectionTest}.
 */
class PatchContractTest {
  @RegisterExtension final SimulatorPerTest sim = new SimulatorPerTest();

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void roleOnly(String api) {
    SimClient c = new SimClient(sim.get(), api);
    String id = c.createOk(Bodies.postgres("p"));

    SimClient.Resp r = c.patch(id, Map.of("baseRole", "VIEWER"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    assertThat(r.json().get("message").asText()).isEqualTo("Updated connection default role.");
    assertThat(sim.get().connection(id).orElseThrow().baseRole()).isEqualTo("VIEWER");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void attributeOnlyThenRemoval(String api) {
    SimClient c = new SimClient(sim.get(), api);
    String id = c.createOk(Bodies.postgres("p"));

    SimClient.Resp set = c.patch(id, environmentPatch("environment", "prod"));
    assertThat(set.json().get("message").asText())
        .isEqualTo("Updated environment user attribute settings.");
    ConnectionSnapshot after = sim.get().connection(id).orElseThrow();
    assertThat(after.environmentAttributeName()).isEqualTo("environment");
    assertThat(after.environmentDefaultValues()).containsExactly("prod");

    SimClient.Resp removed = c.patch(id, environmentRemoval());
    assertThat(removed.json().get("message").asText())
        .isEqualTo("Updated environment user attribute settings.");
    assertThat(sim.get().connection(id).orElseThrow().environmentAttributeName()).isNull();
    assertThat(sim.get().connection(id).orElseThrow().environmentDefaultValues()).isEmpty();
  }

  @Test
  void roleAndAttribute() {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.postgres("p"));
    Map<String, Object> body = environmentPatch("environment", "prod");
    body.put("baseRole", "MODELER");

    SimClient.Resp r = c.patch(id, body);

    assertThat(r.json().get("message").asText())
        .isEqualTo("Updated connection default role and user attribute settings.");
  }

  @Test
  void credentialsRotateAndBumpTheGeneration() {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.postgres("p"));

    SimClient.Resp r = c.patch(id, Map.of("passwordUnencrypted", "rotated-secret"));

    assertThat(r.json().get("message").asText()).isEqualTo("Updated connection credentials.");
    ConnectionSnapshot s = sim.get().connection(id).orElseThrow();
    assertThat(s.credentialsGeneration()).isEqualTo(1);
    assertThat(sim.get().secretMatches(id, "passwordUnencrypted", "rotated-secret")).isTrue();
    assertThat(sim.get().secretMatches(id, "passwordUnencrypted", Bodies.SECRET)).isFalse();

    c.patch(id, Map.of("privateKey", "new-key"));
    assertThat(sim.get().connection(id).orElseThrow().credentialsGeneration()).isEqualTo(2);
    assertThat(sim.get().connection(id).orElseThrow().hasPrivateKey()).isTrue();
  }

  @Test
  void unchangedValuesAreNoUpdate() {
    SimClient c = new SimClient(sim.get(), "v1");
    String id = c.createOk(Bodies.postgres("p"));
    c.patch(id, Map.of("baseRole", "VIEWER"));
    String updatedAt = c.get(id).json().at("/connection/updatedAt").asText();

    SimClient.Resp r = c.patch(id, Map.of("baseRole", "VIEWER"));

    assertThat(r.json().get("message").asText())
        .isEqualTo("No updates were made to the connection.");
    assertThat(c.get(id).json().at("/connection/updatedAt").asText()).isEqualTo(updatedAt);
  }

  @Test
  void betaTopLevelAttributeFieldsWork() {
    SimClient c = new SimClient(sim.get(), "unstable");
    String id = c.createOk(Bodies.postgres("p"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userAttributeNameForConnectionEnvironments", "env");
    body.put("userAttributeValuesForDefaultEnvironment", List.of("staging", "qa"));

    SimClient.Resp r = c.patch(id, body);

    assertThat(r.json().get("message").asText())
        .isEqualTo("Updated environment user attribute settings.");
    ConnectionSnapshot s = sim.get().connection(id).orElseThrow();
    assertThat(s.environmentAttributeName()).isEqualTo("env");
    assertThat(s.environmentDefaultValues()).containsExactly("staging", "qa");
  }
}
