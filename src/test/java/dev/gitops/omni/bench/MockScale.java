package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * How fast the embedded Kubernetes API takes writes as it fills up: creates a Secret and an
 * OmniConnection per index (as {@link Rig#populate} does) up to each checkpoint, printing the rate
 * of the segment, then times the operator's per-resource traffic (GET, metadata merge patch, status
 * patch, event) and one labelled list at that size.
 *
 * <p>Usage: {@code java ... dev.gitops.omni.bench.MockScale [checkpoints] [threads] [maxSeconds]},
 * e.g. {@code 1000,5000,10000,20000 8 120}: stops after a segment that took over maxSeconds.
 */
public final class MockScale {
  private MockScale() {}

  public static void main(String[] args) throws Exception {
    String[] marks = (args.length > 0 ? args[0] : "1000,5000,10000").split(",");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 120;
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    long total = System.nanoTime();
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start()) {
      KubernetesClient k8s = kube.client();
      k8s.namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(Rig.NS).endMetadata().build())
          .create();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      int done = 0;
      for (String mark : marks) {
        int n = Integer.parseInt(mark.trim());
        long t0 = System.nanoTime();
        run(pool, done, n, i -> create(k8s, i));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "N=%6d  segment %6d..%6d: %7.1f s, %8.0f objects/s (2 per index)%n",
            n, done, n, s, 2 * (n - done) / s);
        done = n;
        traffic(k8s, pool, n);
        if (s > maxSeconds) {
          System.out.println("stopping: the segment took over " + maxSeconds + " s");
          break;
        }
      }
      pool.shutdownNow();
    }
    System.out.printf("total %.1f s%n", (System.nanoTime() - total) / 1e9);
  }

  static void create(KubernetesClient k8s, int i) {
    String name = BenchResources.name(i);
    k8s.secrets()
        .inNamespace(Rig.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name + "-pw")
                .withNamespace(Rig.NS)
                .endMetadata()
                .withStringData(Map.of("password", "pw-" + i))
                .build())
        .create();
    k8s.resources(OmniConnection.class)
        .inNamespace(Rig.NS)
        .resource(BenchResources.resource(name, DeletionPolicy.Delete, "VIEWER"))
        .create();
  }

  /** The operator's writes on 200 resources spread over [0, n), and one list by label. */
  static void traffic(KubernetesClient k8s, ExecutorService pool, int n) throws Exception {
    int ops = 200;
    long t0 = System.nanoTime();
    run(
        pool,
        0,
        ops,
        k -> touch(k8s, BenchResources.name((int) ((long) k * n / ops)), n + "-" + k));
    double s = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    int listed =
        k8s.resources(OmniConnection.class)
            .inNamespace(Rig.NS)
            .withLabel("bench", "true")
            .list()
            .getItems()
            .size();
    double l = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "          traffic: %d x (get, patch, status patch, event) in %.2f s = %.0f req/s;"
            + " list by label (%d items) %.2f s%n",
        ops, s, 4 * ops / s, listed, l);
  }

  static void touch(KubernetesClient k8s, String name, String k) {
    var op = k8s.resources(OmniConnection.class).inNamespace(Rig.NS).withName(name);
    OmniConnection r = op.get();
    op.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"bench/touch\":\"" + k + "\"}}}");
    op.subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"connectionId\":\"id-" + k + "\",\"observedGeneration\":1}}");
    k8s.v1()
        .events()
        .inNamespace(Rig.NS)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name + ".e" + k)
                .withNamespace(Rig.NS)
                .endMetadata()
                .withReason("Touched")
                .withMessage("generation " + r.getMetadata().getGeneration())
                .build())
        .create();
  }

  static void run(ExecutorService pool, int from, int to, IntConsumer task) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = from; i < to; i++) {
      final int k = i;
      futures.add(pool.submit(() -> task.accept(k)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }
}
