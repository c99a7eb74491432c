package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.bench.KeysScenario.Mode;
import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Found by the K-keys bench (issue 12): an operator that watches only some namespaces ({@code
 * --watch-namespaces}, the chart's {@code watchNamespaces}) must still serve connections of those
 * namespaces through a ClusterOmniInstance. The K-keys world in small (6 connections over 2
 * ClusterOmniInstances that admit the namespace), the operator in-process watching namespace {@code
 * bench} only: both instances become Ready, and every connection must follow.
 */
class KeysNamespacedModeTest {

  @Test
  void clusterInstancesServeTheConnectionsOfAWatchedNamespace() {
    var s =
        new KeysScenario(
            "namespaced",
            6,
            2,
            600,
            Mode.ORGS,
            false,
            true,
            Duration.ofSeconds(2),
            4,
            null,
            Path.of("target", "omni-operator.jar"),
            Path.of("target", "bench"),
            12L);
    try (KeysWorld w = new KeysWorld(s)) {
      w.populate();
      w.rig.watch();
      Settings settings = Settings.of(w.rig, s.pollInterval(), s.rate(), s.threads(), null);
      assertThat(settings.watchNamespaces()).containsExactly(Rig.NS);
      try (InProcessOperator op = new InProcessOperator(settings, w.rig.k8s)) {
        op.start();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(instancesNotReady(w))
                        .as("ClusterOmniInstances not Ready")
                        .isEmpty());
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(connectionsNotReady(w))
                        .as(
                            "connections not Ready while their ClusterOmniInstance is (operator"
                                + " watching namespace %s only)",
                            Rig.NS)
                        .isEmpty());
      }
    }
  }

  private static List<String> instancesNotReady(KeysWorld w) {
    return w.rig.k8s.resources(ClusterOmniInstance.class).list().getItems().stream()
        .filter(
            i ->
                i.getStatus() == null
                    || i.getStatus().conditions.stream()
                        .noneMatch(
                            c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .map(i -> i.getMetadata().getName())
        .toList();
  }

  private static List<String> connectionsNotReady(KeysWorld w) {
    return w.rig.cached().stream()
        .filter(r -> !Rig.ready(r))
        .map(KeysNamespacedModeTest::describe)
        .sorted()
        .toList();
  }

  private static String describe(OmniConnection r) {
    String conditions =
        r.getStatus() == null
            ? "no status"
            : r.getStatus().conditions.stream()
                .filter(c -> "True".equals(c.getStatus()))
                .map(c -> c.getType() + "/" + c.getReason())
                .collect(Collectors.joining(","));
    return r.getMetadata().getName() + " (" + r.getSpec().instanceRef + "): " + conditions;
  }
}
