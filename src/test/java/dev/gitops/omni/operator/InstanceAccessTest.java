package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.ClusterOmniInstanceSpec;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.InstanceRef.Kind;
import dev.gitops.omni.model.NamespaceConditions;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceSpec;
import dev.gitops.omni.model.TokenSecretRef;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which instance a connection is managed through, or why none: one row per rule. */
class InstanceAccessTest {

  /** The world a row sets up: instances (with or without a runtime) and namespace labels. */
  static final class World implements InstanceAccess.Instances {
    final InstanceUnits u = new InstanceUnits();
    final Map<String, OmniInstance> namespaced = new HashMap<>();
    final Map<String, ClusterOmniInstance> cluster = new HashMap<>();
    final Map<String, Map<String, String>> labels = new HashMap<>();

    World omniInstance(String ns, String name, boolean ready) {
      OmniInstance i = new OmniInstance();
      i.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
      i.setSpec(new OmniInstanceSpec());
      namespaced.put(ns + "/" + name, i);
      if (ready) {
        start(InstanceId.of(i));
      }
      return this;
    }

    World clusterInstance(String name, boolean ready, Consumer<NamespaceConditions> admits) {
      ClusterOmniInstance i = new ClusterOmniInstance();
      i.setMetadata(new ObjectMetaBuilder().withName(name).build());
      ClusterOmniInstanceSpec spec = new ClusterOmniInstanceSpec();
      spec.tokenSecretRef = new TokenSecretRef("ops", "key", "token");
      if (admits != null) {
        spec.namespaces = new NamespaceConditions();
        admits.accept(spec.namespaces);
      }
      i.setSpec(spec);
      cluster.put(name, i);
      if (ready) {
        start(InstanceId.of(i));
      }
      return this;
    }

    private void start(InstanceId id) {
      u.runtimes.apply(
          id,
          OperatorUnits.CONFIG.withOmni(
              java.net.URI.create("https://" + id.name() + ".omni.invalid"),
              "v1",
              dev.gitops.omni.connection.SecretValue.of("k")),
          "key/1");
    }

    @Override
    public Optional<OmniInstance> namespaced(String namespace, String name) {
      return Optional.ofNullable(namespaced.get(namespace + "/" + name));
    }

    @Override
    public Optional<ClusterOmniInstance> cluster(String name) {
      return Optional.ofNullable(cluster.get(name));
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
      return labels.getOrDefault(namespace, Map.of());
    }
  }

  /**
   * @param uses the instance whose runtime serves the connection ("command line" for the operator's
   *     own), or null when refused
   * @param refusal the reason when refused
   */
  record Row(String name, Consumer<World> world, InstanceRef ref, String uses, Reason refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "no ref, no default: the command line's instance", w -> {}, null, "command line", null),
        new Row(
            "no ref: the ClusterOmniInstance default when it exists",
            w -> w.clusterInstance("default", true, null),
            null,
            "ClusterOmniInstance default",
            null),
        new Row(
            "no ref, default not ready: waits, never falls back to the command line",
            w -> w.clusterInstance("default", false, null),
            null,
            null,
            Reason.INSTANCE_NOT_READY),
        new Row(
            "an OmniInstance in the connection's namespace",
            w -> w.omniInstance("team-a", "omni", true),
            new InstanceRef(Kind.OmniInstance, "omni"),
            "OmniInstance team-a/omni",
            null),
        new Row(
            "an OmniInstance of another namespace is not found",
            w -> w.omniInstance("team-b", "omni", true),
            new InstanceRef(Kind.OmniInstance, "omni"),
            null,
            Reason.INSTANCE_NOT_FOUND),
        new Row(
            "a ClusterOmniInstance that names the namespace",
            w -> w.clusterInstance("shared", true, c -> c.names = List.of("team-a")),
            new InstanceRef(null, "shared"),
            "ClusterOmniInstance shared",
            null),
        new Row(
            "a ClusterOmniInstance that names other namespaces only",
            w -> w.clusterInstance("shared", true, c -> c.names = List.of("team-b")),
            new InstanceRef(Kind.ClusterOmniInstance, "shared"),
            null,
            Reason.INSTANCE_NOT_ALLOWED),
        new Row(
            "a ClusterOmniInstance whose selector matches the namespace's labels",
            w -> {
              w.labels.put("team-a", Map.of("omni", "yes"));
              w.clusterInstance(
                  "shared",
                  true,
                  c ->
                      c.selector =
                          new LabelSelectorBuilder().addToMatchLabels("omni", "yes").build());
            },
            new InstanceRef(Kind.ClusterOmniInstance, "shared"),
            "ClusterOmniInstance shared",
            null),
        new Row(
            "a ClusterOmniInstance whose selector does not match",
            w ->
                w.clusterInstance(
                    "shared",
                    true,
                    c ->
                        c.selector =
                            new LabelSelectorBuilder().addToMatchLabels("omni", "yes").build()),
            new InstanceRef(Kind.ClusterOmniInstance, "shared"),
            null,
            Reason.INSTANCE_NOT_ALLOWED),
        new Row(
            "a ClusterOmniInstance that does not exist",
            w -> {},
            new InstanceRef(Kind.ClusterOmniInstance, "missing"),
            null,
            Reason.INSTANCE_NOT_FOUND),
        new Row(
            "an existing OmniInstance whose key was not read yet",
            w -> w.omniInstance("team-a", "omni", false),
            new InstanceRef(Kind.OmniInstance, "omni"),
            null,
            Reason.INSTANCE_NOT_READY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void resolves(Row row) {
    World w = new World();
    row.world().accept(w);
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getMetadata().setNamespace("team-a");
    r.getSpec().instanceRef = row.ref();

    InstanceAccess.Access a = new InstanceAccess(w.u.runtimes).resolve(r, w);

    if (row.uses() == null) {
      assertThat(a.refused()).isTrue();
      assertThat(a.refusal().reason()).isEqualTo(row.refusal());
    } else {
      assertThat(a.refused()).as("refused: %s", a.refusal()).isFalse();
      String served =
          a.runtime() == w.u.runtimes.commandLine() ? "command line" : a.runtime().id().toString();
      assertThat(served).isEqualTo(row.uses());
    }
  }
}
