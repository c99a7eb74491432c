package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The CRD in crds/ is generated from the Java model by the Fabric8 CRD generator at
 * process-classes. This test fails when the committed copy is stale; run the build with {@code
 * -Dcrd.update=true} to refresh it.
 */
class CrdIsCurrentTest {
  static final String FILE = "omniconnections.omni.gitops.dev-v1.yml";

  @Test
  void committedCrdEqualsGeneratedCrd() throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8", FILE);
    Path committed = Path.of("crds", FILE);
    assertThat(generated).as("CRD generated at process-classes").exists();
    if (Boolean.getBoolean("crd.update")) {
      Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(committed))
        .as("crds/%s is stale: rebuild with -Dcrd.update=true and commit it", FILE)
        .isEqualTo(Files.readString(generated));
  }
}
