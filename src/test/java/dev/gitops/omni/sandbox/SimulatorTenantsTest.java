package dev.gitops.omni.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.simulator.Organisations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which simulator organisation each instance's key opens in the sandbox. */
class SimulatorTenantsTest {
  @TempDir Path dir;

  static String cluster(String name, String secret) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: ClusterOmniInstance
        metadata: {name: %s}
        spec:
          url: https://%s.example
          tokenSecretRef: {name: %s, namespace: keys}
        """
        .formatted(name, name, secret);
  }

  static String namespaced(String namespace, String name) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniInstance
        metadata: {name: %s, namespace: %s}
        spec:
          url: https://%s.example
          tokenSecretRef: {name: key}
        """
        .formatted(name, namespace, name);
  }

  static String secret(String namespace, String name, String token) {
    return """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: %s, namespace: %s}
        stringData: {token: %s}
        """
        .formatted(name, namespace, token);
  }

  static Stream<Arguments> rows() {
    Organisations shared =
        Organisations.NONE.with("shared", new Organisations.Keys(Set.of("k1", "k2"), Set.of()));
    return Stream.of(
        Arguments.of(
            "no instance: only the default organisation",
            Organisations.NONE,
            secret("keys", "a", "k1"),
            Set.of("sim-token"),
            List.of(),
            Map.of()),
        Arguments.of(
            "one organisation per key, named after its instance",
            Organisations.NONE,
            cluster("team-a", "a")
                + secret("keys", "a", "k1")
                + namespaced("team-b", "omni")
                + secret("team-b", "key", "k2"),
            Set.of("sim-token"),
            List.of("team-a", "team-b.omni"),
            Map.of(
                "ClusterOmniInstance team-a", "team-a", "OmniInstance team-b/omni", "team-b.omni")),
        Arguments.of(
            "two instances with one key share the first one's organisation",
            Organisations.NONE,
            cluster("one", "a") + cluster("two", "a") + secret("keys", "a", "k1"),
            Set.of("sim-token"),
            List.of("one"),
            Map.of("ClusterOmniInstance one", "one", "ClusterOmniInstance two", "one")),
        Arguments.of(
            "keys given on the command line keep their organisation",
            shared,
            cluster("one", "a")
                + cluster("two", "b")
                + secret("keys", "a", "k1")
                + secret("keys", "b", "k2"),
            Set.of("sim-token"),
            List.of("shared"),
            Map.of("ClusterOmniInstance one", "shared", "ClusterOmniInstance two", "shared")),
        Arguments.of(
            "the ClusterOmniInstance default joins the default organisation",
            Organisations.NONE,
            cluster("default", "a") + secret("keys", "a", "k1"),
            Set.of("sim-token", "k1"),
            List.of(),
            Map.of("ClusterOmniInstance default", "default")),
        Arguments.of(
            "the command line's key stays in the default organisation",
            Organisations.NONE,
            cluster("team-a", "a") + secret("keys", "a", "sim-token"),
            Set.of("sim-token"),
            List.of(),
            Map.of("ClusterOmniInstance team-a", "default")),
        Arguments.of(
            "a key not in the files opens nothing",
            Organisations.NONE,
            cluster("team-a", "missing"),
            Set.of("sim-token"),
            List.of(),
            Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void organisations(
      String title,
      Organisations given,
      String yaml,
      Set<String> defaults,
      List<String> organisations,
      Map<String, String> byInstance)
      throws IOException {
    SimulatorTenants t = SimulatorTenants.of(given, read(yaml));

    assertThat(t.defaultTokens()).containsExactlyInAnyOrderElementsOf(defaults);
    assertThat(t.organisations().byName().keySet()).containsExactlyElementsOf(organisations);
    assertThat(t.byInstance()).isEqualTo(byInstance);
    assertThat(t.names().get(0)).isEqualTo("default");
    assertThat(t.toString()).as("no key in toString").doesNotContain("k1", "k2", "sim-token");
  }

  @Test
  void aKeyGivenToTwoOrganisationsIsRefusedBeforeAnythingStarts() {
    Organisations clash =
        Organisations.NONE.with("x", new Organisations.Keys(Set.of("sim-token"), Set.of()));
    assertThatThrownBy(() -> SimulatorTenants.of(clash, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two organisations");
  }

  @Test
  void everyInstanceIsPointedAtTheSimulatorAndNothingElseChanges() throws IOException {
    List<Manifest> before =
        read(cluster("a", "s") + namespaced("team-b", "omni") + secret("keys", "s", "k"));

    List<Manifest> after = SimulatorTenants.pointedAt("http://127.0.0.1:1", before);

    assertThat(((ClusterOmniInstance) after.get(0).resource()).getSpec().url)
        .isEqualTo("http://127.0.0.1:1");
    assertThat(((OmniInstance) after.get(1).resource()).getSpec().url)
        .isEqualTo("http://127.0.0.1:1");
    assertThat(after.get(2)).isSameAs(before.get(2));
    assertThat(((ClusterOmniInstance) before.get(0).resource()).getSpec().url)
        .as("the files' own copy is untouched")
        .isEqualTo("https://a.example");
    assertThat(after.get(1).origin()).isEqualTo(before.get(1).origin());
  }

  List<Manifest> read(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("m.yaml"), yaml);
    return ManifestReader.read(List.of(f)).manifests();
  }
}
