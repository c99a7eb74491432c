package dev.gitops.omni.bench;

import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The benchmark's OmniConnections: their names, their specs, and writing N of them. */
final class BenchResources {
  private BenchResources() {}

  static String name(int i) {
    return String.format("conn-%05d", i);
  }

  static OmniConnection resource(String name, DeletionPolicy policy, String role) {
    OmniConnection r = new OmniConnection();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(Rig.NS)
            .withLabels(Map.of("bench", "true"))
            .build());
    OmniConnectionSpec s = new OmniConnectionSpec();
    s.dialect = Dialect.postgres;
    s.host = "db.internal";
    s.port = 5432;
    s.database = "db_" + name.replace('-', '_');
    s.username = "omni";
    s.baseRole = role;
    s.deletionPolicy = policy;
    s.passwordSecretRef = new SecretKeyRef(name + "-pw", "password");
    r.setSpec(s);
    return r;
  }

  /** Creates N Secrets and N OmniConnections, {@code threads} at a time. */
  static void populate(
      Rig rig, int n, int threads, java.util.function.IntFunction<DeletionPolicy> policy) {
    populate(rig, n, threads, policy, (i, r) -> {});
  }

  /**
   * {@link #populate(Rig, int, int, java.util.function.IntFunction)}, each resource edited first.
   */
  static void populate(
      Rig rig,
      int n,
      int threads,
      java.util.function.IntFunction<DeletionPolicy> policy,
      java.util.function.ObjIntConsumer<OmniConnection> edit) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        final int k = i;
        done.add(
            pool.submit(
                () -> {
                  String name = name(k);
                  rig.writeSecret(name);
                  OmniConnection r = resource(name, policy.apply(k), "VIEWER");
                  edit.accept(r, k);
                  rig.k8s.resources(OmniConnection.class).inNamespace(Rig.NS).resource(r).create();
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("populating the API failed", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
