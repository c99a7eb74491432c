package dev.gitops.omni.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Statuses the real operator wrote, laid out as Argo CD's health tests are ({@code
 * health_test.yaml} + {@code testdata/}), each with the Argo CD health the README's table gives it;
 * {@link #judge()} hands them to e2e/health, where gopher-lua (Argo CD's interpreter) runs
 * deploy/argocd/health.lua and kstatus (Flux's reader) computes each one's status.
 */
final class HealthCorpus {
  private static final ObjectMapper YAML = new YAMLMapper();

  private final Path dir;
  private final KubernetesClient client;
  private final ObjectNode file = YAML.createObjectNode();
  private final ArrayNode tests = file.putArray("tests");

  /** Starts an empty corpus in {@code dir} (what an earlier run left there is removed). */
  HealthCorpus(Path dir, KubernetesClient client) {
    this.dir = dir;
    this.client = client;
    try {
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
      Files.createDirectories(dir.resolve("testdata"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the resource exactly as the API server returns it (untyped, so no field the Java model
   * lacks is lost), expected to read as {@code argoHealth}.
   */
  void add(String namespace, String resourceName, String argoHealth) {
    GenericKubernetesResource resource =
        client
            .genericKubernetesResources(OperatorInstall.OMNICONNECTIONS)
            .inNamespace(namespace)
            .withName(resourceName)
            .get();
    String name = namespace + "-" + resourceName + ".yaml";
    try {
      YAML.writeValue(dir.resolve("testdata").resolve(name).toFile(), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode test = tests.addObject();
    test.putObject("healthStatus").put("status", argoHealth);
    test.put("inputPath", "testdata/" + name);
  }

  int size() {
    return tests.size();
  }

  /**
   * Runs e2e/health (the repository cases of deploy/argocd and TestE2EStatuses over this corpus);
   * fails with its output when it fails.
   */
  void judge() {
    try {
      YAML.writeValue(dir.resolve("health_test.yaml").toFile(), file);
      Path module = Path.of(System.getProperty("project.basedir", "."), "e2e", "health");
      ProcessBuilder pb =
          new ProcessBuilder(List.of("go", "test", "-count=1", "-v", "./..."))
              .directory(module.toFile())
              .redirectErrorStream(true);
      pb.environment().put("OMNI_E2E_STATUS_DIR", dir.toAbsolutePath().toString());
      Process p;
      try {
        p = pb.start();
      } catch (IOException noGo) {
        String why = "the Go health readers need Go on PATH: " + noGo.getMessage();
        if (KubeBinaries.required()) {
          Assertions.fail(why);
        }
        Assumptions.abort(why);
        return;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        Assertions.fail("go test timed out:\n" + out);
      }
      Assertions.assertEquals(0, p.exitValue(), () -> "e2e/health judged otherwise:\n" + out);
      Assertions.assertTrue(
          out.contains("--- PASS: TestE2EStatuses"), () -> "TestE2EStatuses did not run:\n" + out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
