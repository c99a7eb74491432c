package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.container;
import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.find;
import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pod the chart renders: the Omni key mounted from a Secret, probes, a locked-down pod. */
class ChartPodAndTokenTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  @Test
  void theTokenComesFromASecretMountedAsTheFileNamedByOmniTokenFile() {
    JsonNode c = container(defaults);
    String file = env(defaults).get("OMNI_TOKEN_FILE");
    JsonNode mount =
        StreamSupport.stream(c.path("volumeMounts").spliterator(), false)
            .filter(m -> file.startsWith(m.path("mountPath").asText() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at " + file));
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = volume(defaults, mount.path("name").asText());
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("omni-operator-token");
    assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("token");
    assertThat(mount.path("mountPath").asText() + "/" + volume.at("/secret/items/0/path").asText())
        .isEqualTo(file);
    assertThat(find(defaults, "Secret", "omni-operator-token"))
        .as("created out of band when no omni.token is given")
        .isEmpty();
  }

  @Test
  void aNewKeyInTheChartsSecretRollsThePods() {
    String one = podAnnotation(render(Map.of("omni.token", "key-1")), "checksum/token");
    String two = podAnnotation(render(Map.of("omni.token", "key-2")), "checksum/token");
    assertThat(one).isNotBlank().isNotEqualTo(two).doesNotContain("key-1");
    assertThat(podAnnotation(defaults, "checksum/token")).isEmpty();
    assertThat(podAnnotation(render(Map.of("omni.existingSecret", "mine")), "checksum/token"))
        .isEmpty();
  }

  static String podAnnotation(List<JsonNode> objects, String key) {
    return one(objects, "Deployment")
        .at("/spec/template/metadata/annotations")
        .path(key)
        .asText("");
  }

  @Test
  void aTokenValueIsStoredInTheChartsSecret() {
    var objects = render(Map.of("omni.token", "omni-key-123"));
    JsonNode secret = find(objects, "Secret", "omni-operator-token").orElseThrow();
    assertThat(secret.at("/stringData/token").asText()).isEqualTo("omni-key-123");
    assertThat(env(objects).values()).noneMatch(v -> v.contains("omni-key-123"));
  }

  @Test
  void anExistingSecretReplacesTheChartsSecret() {
    var objects =
        render(Map.of("omni.existingSecret", "team-omni", "omni.existingSecretKey", "apiKey"));
    assertThat(ofKind(objects, "Secret")).isEmpty();
    JsonNode volume = volume(objects, "omni-token");
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("team-omni");
    assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("apiKey");
    assertThat(volume.at("/secret/items/0/path").asText()).isEqualTo("token");
  }

  @Test
  void probesUseHealthzAndReadyzOnTheHttpPort() {
    JsonNode c = container(defaults);
    assertThat(c.at("/ports/0/name").asText()).isEqualTo("http");
    assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(c.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");

    var moved = render(Map.of("httpPort", 9090));
    assertThat(container(moved).at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(env(moved)).containsEntry("HTTP_PORT", "9090");
  }

  @Test
  void podAndContainerAreLockedDown() {
    JsonNode pod = one(defaults, "Deployment").at("/spec/template/spec/securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isNotZero();
    assertThat(pod.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

    JsonNode c = container(defaults).path("securityContext");
    assertThat(c.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(c.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(c.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(c.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(c.at("/capabilities/add").isMissingNode()).isTrue();
    assertThat(c.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(c.path("privileged").asBoolean(false)).isFalse();

    JsonNode tmp =
        StreamSupport.stream(container(defaults).path("volumeMounts").spliterator(), false)
            .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("/tmp must be writable: no mount"));
    assertThat(volume(defaults, tmp.path("name").asText()).has("emptyDir")).isTrue();
    assertThat(tmp.path("readOnly").asBoolean(false)).isFalse();
  }

  static JsonNode volume(List<JsonNode> objects, String name) {
    for (JsonNode v : one(objects, "Deployment").at("/spec/template/spec/volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }
}
