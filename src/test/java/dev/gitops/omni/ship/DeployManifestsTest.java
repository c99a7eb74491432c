package dev.gitops.omni.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/ (for {@code kubectl apply -k deploy/}) against the chart rendered with default values,
 * and the three copies of each CRD against each other.
 */
class DeployManifestsTest {
  /** A CRD of crds/ and its copy in deploy/ (the chart's crds/ holds it under the same name). */
  record CrdCopy(String file, String deployFile, String name) {
    Path crd() {
      return Path.of("crds", file);
    }

    Path chartCopy() {
      return ChartRenderer.CHART.resolve("crds").resolve(file);
    }

    Path deployCopy() {
      return DEPLOY.resolve(deployFile);
    }
  }

  static final Path DEPLOY = Path.of("deploy");

  /** Every CRD the operator serves: deploy/crd.yaml stays the OmniConnection one. */
  static final List<CrdCopy> CRDS =
      List.of(
          new CrdCopy(
              "omniconnections.omni.gitops.dev-v1.yml",
              "crd.yaml",
              "omniconnections.omni.gitops.dev"),
          new CrdCopy(
              "omniinstances.omni.gitops.dev-v1.yml",
              "crd-omniinstances.yaml",
              "omniinstances.omni.gitops.dev"),
          new CrdCopy(
              "clusteromniinstances.omni.gitops.dev-v1.yml",
              "crd-clusteromniinstances.yaml",
              "clusteromniinstances.omni.gitops.dev"));

  /** Labels only Helm sets; deploy/ leaves them out, and the comparison ignores them. */
  static final List<String> HELM_ONLY_LABELS =
      List.of("helm.sh/chart", "app.kubernetes.io/managed-by");

  /**
   * The chart's crds/ and deploy/ carry byte-for-byte copies of each CRD in crds/. With {@code
   * -Dcrd.update=true} (the flag that refreshes crds/) the copies are refreshed too.
   */
  @Test
  void chartAndDeployCarryTheSameCrdBytesAsCrds() throws IOException {
    for (CrdCopy c : CRDS) {
      if (Boolean.getBoolean("crd.update")) {
        Path generated = Path.of("target/classes/META-INF/fabric8", c.file());
        if (Files.exists(generated)) {
          Files.copy(generated, c.crd(), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path copy : List.of(c.chartCopy(), c.deployCopy())) {
          Files.copy(c.crd(), copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      byte[] crd = Files.readAllBytes(c.crd());
      for (Path copy : List.of(c.chartCopy(), c.deployCopy())) {
        assertThat(copy).as("%s is a copy of %s", copy, c.crd()).isRegularFile();
        assertThat(Files.readAllBytes(copy))
            .as("%s must equal %s: copy it, or run the build with -Dcrd.update=true", copy, c.crd())
            .isEqualTo(crd);
      }
      JsonNode parsed = ChartRenderer.YAML.readTree(crd);
      assertThat(parsed.at("/metadata/name").asText()).as("%s", c.crd()).isEqualTo(c.name());
    }
    try (Stream<Path> chartCrds = Files.list(ChartRenderer.CHART.resolve("crds"))) {
      assertThat(chartCrds.map(p -> p.getFileName().toString()).sorted().toList())
          .as("the chart's crds/ holds exactly the CRDs of crds/")
          .containsExactlyInAnyOrderElementsOf(CRDS.stream().map(CrdCopy::file).toList());
    }
  }

  @Test
  void kustomizationListsEveryManifestAndEachParses() throws IOException {
    List<String> resources = resources();
    assertThat(resources).doesNotHaveDuplicates().isNotEmpty();
    for (String r : resources) {
      Path file = DEPLOY.resolve(r);
      assertThat(file).as("kustomization.yaml lists %s", r).isRegularFile();
      List<JsonNode> objects = ChartRenderer.parseAll(file);
      assertThat(objects).as("%s holds objects", r).isNotEmpty();
      for (JsonNode o : objects) {
        assertThat(o.path("apiVersion").asText()).as("%s: apiVersion", r).isNotBlank();
        assertThat(o.path("kind").asText()).as("%s: kind", r).isNotBlank();
        assertThat(o.at("/metadata/name").asText()).as("%s: metadata.name", r).isNotBlank();
      }
    }
    try (Stream<Path> files = Files.list(DEPLOY)) {
      List<String> manifests =
          files
              .filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
              .filter(n -> !n.equals("kustomization.yaml"))
              .toList();
      assertThat(resources).as("every manifest in deploy/ is applied").containsAll(manifests);
    }
  }

  static List<String> resources() throws IOException {
    JsonNode k = ChartRenderer.YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
    assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
    List<String> out = new ArrayList<>();
    k.path("resources").forEach(r -> out.add(r.asText()));
    return out;
  }

  /** Every object of deploy/, by kind/namespace/name. */
  static Map<String, JsonNode> deployObjects() throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    for (String r : resources()) {
      for (JsonNode o : ChartRenderer.parseAll(DEPLOY.resolve(r))) {
        assertThat(out.put(ChartRenderer.key(o), o))
            .as("duplicate %s", ChartRenderer.key(o))
            .isNull();
      }
    }
    return out;
  }

  @Test
  void deployEqualsTheChartRenderedWithDefaultValues() throws IOException {
    Map<String, JsonNode> rendered = new TreeMap<>();
    for (JsonNode o : ChartRenderer.render()) {
      ObjectNode copy = ChartRenderer.copy(o);
      JsonNode labels = copy.at("/metadata/labels");
      if (labels.isObject()) {
        HELM_ONLY_LABELS.forEach(((ObjectNode) labels)::remove);
      }
      rendered.put(ChartRenderer.key(copy), copy);
    }
    Map<String, JsonNode> deploy = deployObjects();
    JsonNode namespace = deploy.remove("Namespace//omni-operator");
    assertThat(namespace).as("deploy/ creates the omni-operator namespace").isNotNull();
    for (CrdCopy c : CRDS) {
      JsonNode crd = deploy.remove("CustomResourceDefinition//" + c.name());
      assertThat(crd).as("deploy/ installs the CRD %s", c.name()).isNotNull();
    }

    assertThat(deploy.keySet()).isEqualTo(rendered.keySet());
    for (String key : rendered.keySet()) {
      assertThat(ChartRenderer.normalized(deploy.get(key)))
          .as("deploy/ %s differs from the chart's default render", key)
          .isEqualTo(ChartRenderer.normalized(rendered.get(key)));
    }
    for (JsonNode o : deploy.values()) {
      assertThat(o.at("/metadata/labels").toString())
          .as("deploy/ carries no Helm label")
          .doesNotContain("helm.sh/chart")
          .doesNotContain("managed-by");
    }
  }

  /** When kubectl is on the PATH (it is not in CI), its kustomize renders deploy/ to the same. */
  @Test
  void kubectlKustomizeRendersDeployWhenKubectlIsInstalled() throws Exception {
    Path kubectl = kubectl();
    Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
    Process p =
        new ProcessBuilder(kubectl.toString(), "kustomize", DEPLOY.toString())
            .redirectErrorStream(false)
            .start();
    p.getOutputStream().close();
    var stdout = p.getInputStream().readAllBytes();
    var stderr = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("kubectl kustomize deploy/: %s", new String(stderr, StandardCharsets.UTF_8))
        .isZero();
    Map<String, JsonNode> built = new TreeMap<>();
    for (JsonNode o : ChartRenderer.parseAll(new String(stdout, StandardCharsets.UTF_8))) {
      built.put(ChartRenderer.key(o), ChartRenderer.normalized(o));
    }
    Map<String, JsonNode> files = deployObjects();
    assertThat(built.keySet()).isEqualTo(files.keySet());
    for (String key : files.keySet()) {
      assertThat(built.get(key))
          .as("kubectl kustomize renders %s as in its file", key)
          .isEqualTo(ChartRenderer.normalized(files.get(key)));
    }
  }

  /** The kubectl e2e/build-binaries.sh built (the e2e suite's release), else one on the PATH. */
  static Path kubectl() {
    Path built = dev.gitops.omni.e2e.KubeBinaries.binary("kubectl");
    return java.nio.file.Files.isExecutable(built) ? built : onPath("kubectl");
  }

  @Test
  void theReadmesOverlaySetsTheUrlByNameAndTheImage() throws Exception {
    Path kubectl = kubectl();
    Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    int at = readme.indexOf("# my-omni/kustomization.yaml");
    String overlay = readme.substring(at, readme.indexOf("```", at));
    Path root = java.nio.file.Files.createTempDirectory("overlay");
    Path mine = java.nio.file.Files.createDirectories(root.resolve("my-omni"));
    java.nio.file.Files.writeString(mine.resolve("kustomization.yaml"), overlay);
    Path deployCopy = java.nio.file.Files.createDirectories(root.resolve("deploy"));
    try (var files = java.nio.file.Files.list(DEPLOY)) {
      for (Path f : files.toList()) {
        java.nio.file.Files.copy(f, deployCopy.resolve(f.getFileName()));
      }
    }
    Process p = new ProcessBuilder(kubectl.toString(), "kustomize", mine.toString()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize my-omni: %s", err).isZero();

    var objects = ChartRenderer.parseAll(out);
    assertThat(ChartRenderer.env(objects))
        .containsEntry("OMNI_URL", "https://myorg.omniapp.co")
        .containsEntry("OMNI_TOKEN_FILE", "/var/run/secrets/omni/token")
        .hasSize(ChartRenderer.env(ChartRenderer.render()).size());
    assertThat(ChartRenderer.container(objects).path("image").asText())
        .isEqualTo("registry.example.com/platform/omni-operator:0.1.0");
    assertThat(ChartRenderer.find(objects, "Secret", "omni-operator-token")).isEmpty();
  }

  static Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
