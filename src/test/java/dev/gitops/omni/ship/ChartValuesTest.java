package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.container;
import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.kinds;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chart values that shape the pod: image, disruption budget, topology, settings, scheduling. */
class ChartValuesTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  @Test
  void anImageDigestWinsOverTheTag() {
    String digest = "sha256:" + "a".repeat(64);
    var objects = render(Map.of("image.digest", digest, "image.tag", "9.9.9"));
    assertThat(container(objects).path("image").asText())
        .isEqualTo("ghcr.io/gitops-dev/omni-operator@" + digest);
  }

  @Test
  void aDisruptionBudgetWithOneReplicaIsRefusedItWouldBlockEveryDrain() {
    assertThatThrownBy(() -> render(Map.of("podDisruptionBudget.enabled", true)))
        .hasMessageContaining("would block every node drain");
  }

  @Test
  void aDisruptionBudgetTopologySpreadAndRelabelingsAreOptional() {
    var objects =
        renderWithValues(
            """
            replicaCount: 2
            podDisruptionBudget: {enabled: true}
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: ScheduleAnyway
                labelSelector: {matchLabels: {app.kubernetes.io/name: omni-operator}}
            metrics:
              serviceMonitor:
                enabled: true
                relabelings: [{action: replace, targetLabel: team, replacement: platform}]
                metricRelabelings: [{action: drop, sourceLabels: [__name__], regex: jvm_buffer.*}]
            """);
    JsonNode pdb = one(objects, "PodDisruptionBudget");
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(pdb.at("/spec/selector/matchLabels").toString()).contains("omni-operator");
    assertThat(
            one(objects, "Deployment")
                .at("/spec/template/spec/topologySpreadConstraints/0/topologyKey")
                .asText())
        .isEqualTo("topology.kubernetes.io/zone");
    JsonNode endpoint = one(objects, "ServiceMonitor").at("/spec/endpoints/0");
    assertThat(endpoint.at("/relabelings/0/targetLabel").asText()).isEqualTo("team");
    assertThat(endpoint.at("/metricRelabelings/0/action").asText()).isEqualTo("drop");
    assertThat(kinds(defaults)).doesNotContain("PodDisruptionBudget", "PrometheusRule");
  }

  @Test
  void settingsReachTheOperatorAsEnvironmentVariables() {
    var objects =
        renderWithValues(
            """
            omni:
              url: https://myorg.omniapp.co
              apiPrefix: unstable
            pollInterval: 1h30m
            defaultDeletionPolicy: Delete
            rateLimitPerMinute: 30
            reconcileThreads: 4
            logging:
              level: DEBUG
              format: json
            extraEnv:
              - name: EXTRA
                value: "yes"
            """);
    assertThat(env(objects))
        .containsEntry("OMNI_URL", "https://myorg.omniapp.co")
        .containsEntry("OMNI_API_PREFIX", "unstable")
        .containsEntry("POLL_INTERVAL", "1h30m")
        .containsEntry("DEFAULT_DELETION_POLICY", "Delete")
        .containsEntry("RATE_LIMIT_PER_MINUTE", "30")
        .containsEntry("RECONCILE_THREADS", "4")
        .containsEntry("LOG_LEVEL", "DEBUG")
        .containsEntry("LOG_FORMAT", "json")
        .containsEntry("EXTRA", "yes");
  }

  @Test
  void schedulingImageAndResourcesComeFromValues() {
    var objects =
        renderWithValues(
            """
            image:
              repository: registry.example/omni-operator
              tag: "1.2.3"
              pullPolicy: Always
            imagePullSecrets:
              - name: regcred
            nodeSelector:
              kubernetes.io/os: linux
            tolerations:
              - key: dedicated
                operator: Equal
                value: operators
                effect: NoSchedule
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                    - matchExpressions:
                        - key: pool
                          operator: In
                          values: [ops]
            priorityClassName: system-cluster-critical
            podAnnotations:
              team: platform
            resources:
              requests:
                cpu: 50m
                memory: 300Mi
              limits:
                memory: 600Mi
            """);
    JsonNode pod = one(objects, "Deployment").at("/spec/template");
    JsonNode c = container(objects);
    assertThat(c.path("image").asText()).isEqualTo("registry.example/omni-operator:1.2.3");
    assertThat(c.path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(pod.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("regcred");
    assertThat(pod.at("/spec/nodeSelector/kubernetes.io~1os").asText()).isEqualTo("linux");
    assertThat(pod.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
    assertThat(
            pod.at(
                    "/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                        + "/nodeSelectorTerms/0/matchExpressions/0/key")
                .asText())
        .isEqualTo("pool");
    assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo("system-cluster-critical");
    assertThat(pod.at("/metadata/annotations/team").asText()).isEqualTo("platform");
    assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("600Mi");
    assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("50m");
  }
}
