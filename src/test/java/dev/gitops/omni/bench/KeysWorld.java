package dev.gitops.omni.bench;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.ClusterOmniInstanceSpec;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.NamespaceConditions;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.TokenSecretRef;
import dev.gitops.omni.simulator.SimulatorOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Rig} of a K-keys run: the simulator with the K keys (in K organisations or in one),
 * the instance CRDs, the keys' Secrets in their own namespace (as a platform team keeps them), one
 * {@link KeyTap} per key, K ClusterOmniInstances that admit the bench namespace, and N
 * OmniConnections with {@code spec.instanceRef} round robin over them. The operator's command-line
 * instance keeps the rig's token of the {@code default} organisation, which no resource uses.
 */
final class KeysWorld implements AutoCloseable {
  /** Where the instances' key Secrets are: not a namespace the operator watches. */
  static final String KEY_NS = "omni-keys";

  final KeysScenario s;
  final Rig rig;
  private final List<String> keys = new ArrayList<>();
  private final List<KeyTap> taps = new ArrayList<>();

  KeysWorld(KeysScenario s) {
    this.s = s;
    String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    SimulatorOptionsBuilder b = Rig.simulator(s.rate(), s.n(), s.seed());
    for (int k = 0; k < s.keys(); k++) {
      keys.add("omni-key-" + salt + "-" + k);
      b.organisation(s.organisation(k), keys.get(k));
    }
    rig = new Rig(b.build());
    try {
      // the embedded API server serves the instance kinds already (EmbeddedKubernetes)
      rig.k8s
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(KEY_NS).endMetadata().build())
          .create();
      for (int k = 0; k < s.keys(); k++) {
        taps.add(new KeyTap(rig.sim.baseUrl(), keys.get(k)));
        writeKey(k);
        rig.k8s.resource(instance(k)).create();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void writeKey(int k) {
    rig.k8s
        .secrets()
        .inNamespace(KEY_NS)
        .resource(
            new SecretBuilder()
                .withMetadata(
                    new ObjectMetaBuilder()
                        .withName(KeysScenario.instance(k) + "-key")
                        .withNamespace(KEY_NS)
                        .build())
                .withStringData(Map.of("token", keys.get(k)))
                .build())
        .create();
  }

  private ClusterOmniInstance instance(int k) {
    ClusterOmniInstance i = new ClusterOmniInstance();
    i.setMetadata(new ObjectMetaBuilder().withName(KeysScenario.instance(k)).build());
    ClusterOmniInstanceSpec spec = new ClusterOmniInstanceSpec();
    spec.url = taps.get(k).url();
    spec.tokenSecretRef = new TokenSecretRef(KEY_NS, KeysScenario.instance(k) + "-key", "token");
    spec.requestsPerMinute = s.rate();
    spec.pollInterval = s.pollInterval().toMillis() + "ms";
    spec.namespaces = new NamespaceConditions();
    spec.namespaces.names = List.of(Rig.NS);
    i.setSpec(spec);
    return i;
  }

  /** Writes the N OmniConnections and their Secrets, instance {@code i % K} for resource i. */
  void populate() {
    BenchResources.populate(
        rig,
        s.n(),
        8,
        i -> DeletionPolicy.Orphan,
        (r, i) ->
            r.getSpec().instanceRef =
                new InstanceRef(
                    InstanceRef.Kind.ClusterOmniInstance, KeysScenario.instance(s.instanceOf(i))));
  }

  KeyTap tap(int k) {
    return taps.get(k);
  }

  /** Every secret the run handed out: the K keys, the rig's token and the connections' values. */
  Set<String> secretsToHide() {
    Set<String> all = rig.secretsToHide();
    all.addAll(keys);
    return all;
  }

  @Override
  public void close() {
    taps.forEach(KeyTap::close);
    rig.close();
  }
}
