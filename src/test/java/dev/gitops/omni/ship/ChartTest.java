package dev.gitops.omni.ship;

import static dev.gitops.omni.ship.ChartRenderer.container;
import static dev.gitops.omni.ship.ChartRenderer.env;
import static dev.gitops.omni.ship.ChartRenderer.find;
import static dev.gitops.omni.ship.ChartRenderer.ofKind;
import static dev.gitops.omni.ship.ChartRenderer.one;
import static dev.gitops.omni.ship.ChartRenderer.render;
import static dev.gitops.omni.ship.ChartRenderer.renderWithValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.gitops.omni.cli.RunCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The Helm chart: lint, and the objects it renders with defaults and with each option. */
class ChartTest {
  static List<JsonNode> defaults;

  @BeforeAll
  static void renderDefaults() {
    defaults = render();
  }

  /** The rights the operator needs in each namespace it watches, and nothing else. */
  static final Set<String> WATCH_RULES =
      Set.of(
          "omni.gitops.dev/omniconnections: get,list,watch,update,patch",
          "omni.gitops.dev/omniconnections/status: get,update,patch",
          "omni.gitops.dev/omniconnections/finalizers: update",
          "/secrets: get,list,watch",
          "/events: create,patch");

  static Set<String> rules(JsonNode role) {
    Set<String> out = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> verbs = new ArrayList<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          out.add(group.asText() + "/" + resource.asText() + ": " + String.join(",", verbs));
        }
      }
    }
    return out;
  }

  static Set<String> kinds(List<JsonNode> objects) {
    Set<String> out = new TreeSet<>();
    objects.forEach(o -> out.add(o.path("kind").asText()));
    return out;
  }

  @Test
  void helmLintStrictIsClean() {
    var result = new Helm(ChartRenderer.CHART).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("no lint warning or error")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void defaultsRenderTheOperatorWithClusterWideRbacAndNoOptionalObjects() {
    assertThat(kinds(defaults))
        .as("no Secret without a key: GitOps self-heal would write an empty one over the real key")
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment");
    JsonNode deployment = one(defaults, "Deployment");
    assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("omni-operator");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/type").asText())
        .as("one pod without leader election: never two at once")
        .isEqualTo("Recreate");
    assertThat(env(defaults)).containsEntry("LEADER_ELECTION", "false");
    JsonNode c = container(defaults);
    assertThat(c.path("image").asText()).isEqualTo("ghcr.io/gitops-dev/omni-operator:0.1.0");
    assertThat(c.path("args").toString()).isEqualTo("[\"run\"]");
  }

  @Test
  void everyEnvironmentVariableOfTheRunCommandIsSetByTheChart() {
    Set<String> runEnv = new TreeSet<>();
    Pattern env = Pattern.compile("\\$\\{env:([A-Z_]+)");
    CommandLine run = new CommandLine(new RunCommand());
    run.setInterpolateVariables(false);
    for (var option : run.getCommandSpec().options()) {
      if (option.defaultValue() != null) {
        Matcher m = env.matcher(option.defaultValue());
        if (m.find()) {
          runEnv.add(m.group(1));
        }
      }
    }
    assertThat(runEnv).contains("OMNI_URL", "POLL_INTERVAL", "LEADER_ELECTION", "LOG_LEVEL");
    assertThat(env(defaults).keySet()).containsAll(runEnv);
    assertThat(env(defaults)).doesNotContainKey("OMNI_TOKEN");
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
  void anImageDigestWinsOverTheTag() {
    String digest = "sha256:" + "a".repeat(64);
    var objects = render(Map.of("image.digest", digest, "image.tag", "9.9.9"));
    assertThat(container(objects).path("image").asText())
        .isEqualTo("ghcr.io/gitops-dev/omni-operator@" + digest);
  }

  @Test
  void aClusterOlderThanTheCelRulesNeedIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ChartRenderer.template(Map.of(), null, "v1.24.9"))
        .hasMessageContaining("kubeVersion: >=1.25.0-0");
    assertThat(ChartRenderer.template(Map.of(), null, "v1.25.0")).contains("kind: Deployment");
  }

  @Test
  void valuesYamlRepeatsNoKey() throws Exception {
    var strict =
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    strict.readTree(ChartRenderer.CHART.resolve("values.yaml").toFile());
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
  void thePrometheusRuleAlertsOnStalledConnectionsOmniFailuresAndHeap() {
    var objects = render(Map.of("metrics.prometheusRule.enabled", true));
    JsonNode rules = one(objects, "PrometheusRule").at("/spec/groups/0/rules");
    assertThat(rules.findValuesAsText("alert"))
        .containsExactly(
            "OmniConnectionStalled", "OmniRateLimited", "OmniUnavailable", "OmniOperatorHeapHigh");
    assertThat(rules.findValuesAsText("expr"))
        .allSatisfy(e -> assertThat(e).containsAnyOf("omni_operator_", "jvm_memory_"));
  }

  static JsonNode volume(List<JsonNode> objects, String name) {
    for (JsonNode v : one(objects, "Deployment").at("/spec/template/spec/volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
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

  @Test
  void allNamespacesModeBindsAClusterRoleWithExactlyTheNeededRights() {
    JsonNode role = one(defaults, "ClusterRole");
    assertThat(rules(role)).isEqualTo(WATCH_RULES);
    JsonNode binding = one(defaults, "ClusterRoleBinding");
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText())
        .isEqualTo(one(defaults, "ServiceAccount").at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("omni-operator");
    assertThat(ofKind(defaults, "Role")).as("no lease rights without leader election").isEmpty();
    assertThat(env(defaults)).containsEntry("WATCH_NAMESPACES", "");
  }

  @Test
  void watchNamespacesGrantsARolePerNamespaceAndNoClusterRights() {
    var objects = renderWithValues("watchNamespaces: [team-a, team-b]");
    assertThat(ofKind(objects, "ClusterRole")).isEmpty();
    assertThat(ofKind(objects, "ClusterRoleBinding")).isEmpty();
    assertThat(ofKind(objects, "Role")).hasSize(2);
    for (String ns : List.of("team-a", "team-b")) {
      JsonNode role =
          ofKind(objects, "Role").stream()
              .filter(r -> ns.equals(r.at("/metadata/namespace").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Role in " + ns));
      assertThat(rules(role)).isEqualTo(WATCH_RULES);
      JsonNode binding =
          ofKind(objects, "RoleBinding").stream()
              .filter(r -> ns.equals(r.at("/metadata/namespace").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no RoleBinding in " + ns));
      assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
      assertThat(binding.at("/roleRef/name").asText())
          .isEqualTo(role.at("/metadata/name").asText());
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("omni-operator");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("omni-operator");
    }
    assertThat(env(objects)).containsEntry("WATCH_NAMESPACES", "team-a,team-b");
  }

  @Test
  void noRuleGrantsWildcardsDeletesOrClusterObjects() {
    var objects = new ArrayList<>(defaults);
    objects.addAll(render(Map.of("replicaCount", 2)));
    for (JsonNode role : objects) {
      if (!role.path("kind").asText().endsWith("Role")) {
        continue;
      }
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.toString()).doesNotContain("\"*\"");
        assertThat(rule.path("verbs").toString())
            .doesNotContain("delete")
            .doesNotContain("escalate")
            .doesNotContain("bind");
        assertThat(rule.path("apiGroups").toString()).doesNotContain("apiextensions");
        if (rule.path("resources").toString().contains("secrets")) {
          assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
        }
      }
    }
  }

  @Test
  void twoReplicasTurnOnLeaderElectionWithLeaseRightsInTheReleaseNamespace() {
    var objects = render(Map.of("replicaCount", 2));
    assertThat(one(objects, "Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(env(objects)).containsEntry("LEADER_ELECTION", "true");
    assertThat(env(objects).get("POD_NAMESPACE")).contains("metadata.namespace");
    assertThat(one(objects, "Deployment").at("/spec/strategy/type").asText())
        .isEqualTo("RollingUpdate");
    JsonNode lease = one(objects, "Role");
    assertThat(lease.at("/metadata/namespace").asText()).isEqualTo("omni-operator");
    assertThat(rules(lease)).containsExactly("coordination.k8s.io/leases: get,create,update,patch");
    JsonNode binding = one(objects, "RoleBinding");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(lease.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("omni-operator");
    assertThat(one(objects, "ClusterRole")).as("watch rights unchanged").isNotNull();

    var asked = render(Map.of("leaderElection.enabled", true));
    assertThat(env(asked)).containsEntry("LEADER_ELECTION", "true");
    assertThat(ofKind(asked, "Role")).hasSize(1);
  }

  @Test
  void leaseRightsFollowTheReleaseNamespaceInNamespacedMode() {
    var objects = renderWithValues("replicaCount: 3\nwatchNamespaces: [team-a]");
    assertThat(ofKind(objects, "Role"))
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("team-a", "omni-operator");
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

  @Test
  void theMetricsServiceSelectsTheOperatorPods() {
    JsonNode service = one(defaults, "Service");
    assertThat(service.at("/metadata/name").asText()).isEqualTo("omni-operator-metrics");
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode podLabels = one(defaults, "Deployment").at("/spec/template/metadata/labels");
    service
        .at("/spec/selector")
        .fields()
        .forEachRemaining(
            e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(ofKind(render(Map.of("metrics.service.enabled", false)), "Service")).isEmpty();
  }

  @Test
  void theServiceMonitorIsOptionalAndScrapesTheMetricsService() {
    assertThat(ofKind(defaults, "ServiceMonitor")).isEmpty();
    var objects =
        render(
            Map.of(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "prometheus"));
    JsonNode monitor = one(objects, "ServiceMonitor");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    JsonNode serviceLabels = one(objects, "Service").at("/metadata/labels");
    monitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(serviceLabels.path(e.getKey()).asText())
                    .isEqualTo(e.getValue().asText()));
    assertThatThrownBy(
            () ->
                render(
                    Map.of(
                        "metrics.serviceMonitor.enabled", true,
                        "metrics.service.enabled", false)))
        .hasMessageContaining("metrics.service.enabled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          replicaCount as a string       | replicaCount: "2"                   | replicaCount
          apiPrefix not v1 or unstable   | 'omni: {apiPrefix: v2}'             | apiPrefix
          deletion policy misspelt       | defaultDeletionPolicy: Remove       | defaultDeletionPolicy
          pollInterval not a duration    | pollInterval: 5 minutes             | pollInterval
          log format not text or json    | 'logging: {format: xml}'            | format
          unknown key                    | replicas: 2                         | replicas
          namespace not a DNS label      | 'watchNamespaces: [Team_A]'         | watchNamespaces
          watchNamespaces as a string    | watchNamespaces: team-a             | watchNamespaces
          port out of range              | httpPort: 70000                     | httpPort
          pull policy unknown            | 'image: {pullPolicy: Sometimes}'    | pullPolicy
          rate limit as a string         | rateLimitPerMinute: "sixty"         | rateLimitPerMinute
          url without a scheme           | 'omni: {url: myorg.omniapp.co}'     | url
          """)
  void valuesSchemaRejectsAMistypedValue(String what, String values, String path) {
    assertThatThrownBy(() -> renderWithValues(values))
        .as(what)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(path);
  }
}
