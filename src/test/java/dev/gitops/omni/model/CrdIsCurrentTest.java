package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs in crds/ are generated from the Java model by the Fabric8 CRD generator at
 * process-classes. This test fails when a committed copy is stale; run the build with {@code
 * -Dcrd.update=true} to refresh them.
 */
class CrdIsCurrentTest {
  static final String FILE = "omniconnections.omni.gitops.dev-v1.yml";

  @ParameterizedTest
  @ValueSource(
      strings = {
        FILE,
        "omniinstances.omni.gitops.dev-v1.yml",
        "clusteromniinstances.omni.gitops.dev-v1.yml"
      })
  void committedCrdEqualsGeneratedCrd(String file) throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8", file);
    Path committed = Path.of("crds", file);
    assertThat(generated).as("CRD generated at process-classes").exists();
    if (Boolean.getBoolean("crd.update")) {
      Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(committed).as("crds/%s is committed: rebuild with -Dcrd.update=true", file).exists();
    assertThat(Files.readString(committed))
        .as("crds/%s is stale: rebuild with -Dcrd.update=true and commit it", file)
        .isEqualTo(Files.readString(generated));
  }
}
