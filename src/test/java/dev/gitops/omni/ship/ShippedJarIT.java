package dev.gitops.omni.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar as shipped (after {@code package}): its CycloneDX SBOM lists what it carries, and neither
 * holds a test library. The Fabric8 mock server is in it on purpose: {@code sandbox} runs its
 * embedded Kubernetes API on it.
 */
class ShippedJarIT {
  static final Path JAR = Path.of(System.getProperty("operator.jar", "target/omni-operator.jar"));
  static final Path SBOM = JAR.resolveSibling("omni-operator-sbom.json");
  static final Set<String> TEST_ONLY =
      Set.of(
          "junit-jupiter-api",
          "assertj-core",
          "awaitility",
          "kube-api-test",
          "helm-java",
          "luaj-jse",
          "cel",
          "json-schema-validator",
          "mockwebserver3");

  static final java.util.Map<String, String> NESTED =
      java.util.Map.of("org.jctools:jctools-core", "io.netty:netty-common");

  @Test
  void theSbomListsWhatTheJarCarriesAndNoTestLibrary() throws Exception {
    JsonNode sbom = new ObjectMapper().readTree(SBOM.toFile());
    Set<String> listed = new HashSet<>();
    sbom.path("components")
        .forEach(c -> listed.add(c.path("group").asText() + ":" + c.path("name").asText()));
    assertThat(listed)
        .contains(
            "io.javaoperatorsdk:operator-framework-core",
            "io.fabric8:kubernetes-client",
            "com.squareup.okhttp3:okhttp-jvm",
            "info.picocli:picocli");
    assertThat(listed).noneMatch(c -> TEST_ONLY.contains(c.substring(c.indexOf(':') + 1)));

    // every Maven artifact shaded into the jar is in the SBOM
    Set<String> shaded = new HashSet<>();
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
          .map(n -> n.split("/"))
          .forEach(p -> shaded.add(p[2] + ":" + p[3]));
    }
    shaded.remove("dev.gitops.omni:omni-operator");
    // artifacts a dependency shades inside itself: the SBOM lists the dependency
    NESTED.forEach(
        (inner, outer) -> {
          if (shaded.remove(inner)) {
            assertThat(listed).as("%s carries %s", outer, inner).contains(outer);
          }
        });
    assertThat(shaded).isNotEmpty();
    assertThat(listed).containsAll(shaded);
    assertThat(shaded).noneMatch(c -> TEST_ONLY.contains(c.substring(c.indexOf(':') + 1)));
  }
}
