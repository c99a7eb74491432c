package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One K-keys run ({@link KeysScenario}): the operator starts on a world of K instances and N
 * resources written beforehand ({@link KeysWorld}); measured are the time until all are Ready
 * against 1.05 × N / (K·R), Omni's calls by route and by instance, 429s, each instance's lists per
 * poll interval in steady state, and where each connection landed ({@link KeysStoreCheck}).
 */
final class KeysRun {
  private KeysRun() {}

  /**
   * The runs of bench/run.sh's {@code --keys} value: comma-separated {@link KeysScenario#parse}.
   */
  static List<KeysResult> runAll(
      String specs, String heap, Path jar, Path work, long seed, Consumer<String> log) {
    List<KeysResult> results = new ArrayList<>();
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) {
        KeysScenario s = KeysScenario.parse(spec, heap, jar, work, seed++);
        log.accept("== " + s.label());
        results.add(run(s, log));
      }
    }
    return results;
  }

  static KeysResult run(KeysScenario s, Consumer<String> log) {
    try (KeysWorld w = new KeysWorld(s)) {
      Rig rig = w.rig;
      long t = System.nanoTime();
      w.populate();
      rig.watch();
      Polling.waitFor(
          () -> rig.cached().size() == s.n(), Duration.ofMinutes(2), Duration.ofMillis(50));
      log.accept(
          String.format(
              "[%s] %d resources and Secrets, %d instances written in %.1fs",
              s.label(), s.n(), s.keys(), (System.nanoTime() - t) / 1e9));
      rig.sim.resetCounters();
      rig.sim.clearJournal();
      Settings settings = Settings.of(rig, s.pollInterval(), s.rate(), s.threads(), s.maxHeap());
      settings = s.namespaced() ? settings : settings.watchingAllNamespaces();
      OperatorUnderTest op =
          s.childJvm()
              ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve("keys-" + s.keys()))
              : new InProcessOperator(settings, rig.k8s);
      try {
        Instant t0 = Instant.now();
        op.start();
        if (op instanceof ChildJvmOperator c) {
          t0 = c.startedAt();
        }
        awaitReady(w, s, t0, log);
        int ready = rig.readyCount();
        Duration waited = ChildJvmOperator.since(t0);
        Instant last = rig.lastReady();
        Duration convergence = ready == s.n() && last != null ? Duration.between(t0, last) : null;
        List<JournalEntry> journal = rig.sim.journal();
        Duration first =
            journal.isEmpty() ? null : Duration.between(t0, journal.get(0).timestamp());
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String route : BenchRun.ROUTES) {
          calls.put(route, rig.sim.count(route));
        }
        List<Map<String, Long>> byInstance = new ArrayList<>();
        for (int k = 0; k < s.keys(); k++) {
          byInstance.add(byRoute(w.tap(k).calls()));
        }
        log.accept(
            String.format(
                "[%s] %d/%d Ready in %s (bound 1.05 × %s = %s), calls %s",
                s.label(), ready, s.n(), convergence, s.floor(), s.bound(), calls));

        // steady state: a settling interval, then four whole intervals, counted per key
        Polling.sleep(s.pollInterval().plusMillis(500));
        Instant from = Instant.now();
        Polling.sleep(s.pollInterval().multipliedBy(4));
        Instant to = Instant.now();
        double intervals =
            Duration.between(from, to).toMillis() / (double) s.pollInterval().toMillis();
        long commandLine =
            rig.sim.journal().stream()
                .filter(j -> Organisations.DEFAULT.equals(j.organisation()))
                .filter(j -> "list".equals(j.route()))
                .filter(j -> !j.timestamp().isBefore(from) && j.timestamp().isBefore(to))
                .count();
        List<OmniConnection> resources = rig.cached();
        List<KeysResult.Instance> instances = new ArrayList<>();
        for (int k = 0; k < s.keys(); k++) {
          instances.add(instance(w, k, resources, byInstance.get(k), from, to));
        }
        long c429 = 0;
        for (String route : BenchRun.ROUTES) {
          c429 += rig.sim.count(route, 429);
        }
        KeysStoreCheck store = KeysStoreCheck.of(w, resources);
        String text = op.capturedOutput() + LeakScan.kubernetesText(rig.k8s) + instanceText(w);
        int leaks = LeakScan.count(text, w.secretsToHide());
        KeysResult r =
            new KeysResult(
                s,
                convergence,
                ready,
                waited,
                first,
                calls,
                c429,
                instances,
                commandLine,
                intervals,
                store,
                leaks,
                op.describe());
        log.accept(KeysReport.summary(r));
        return r;
      } finally {
        op.close();
      }
    }
  }

  private static void awaitReady(KeysWorld w, KeysScenario s, Instant t0, Consumer<String> log) {
    Duration limit = s.floor().multipliedBy(3).plusMinutes(2);
    long deadline = System.nanoTime() + limit.toNanos();
    long lastLog = System.nanoTime();
    while (w.rig.readyCount() < s.n() && System.nanoTime() < deadline) {
      Polling.sleep(Duration.ofMillis(50));
      if (System.nanoTime() - lastLog > 15e9) {
        lastLog = System.nanoTime();
        log.accept(
            String.format(
                "[%s] %d/%d Ready after %ds",
                s.label(), w.rig.readyCount(), s.n(), ChildJvmOperator.since(t0).toSeconds()));
      }
    }
  }

  private static KeysResult.Instance instance(
      KeysWorld w,
      int k,
      List<OmniConnection> resources,
      Map<String, Long> calls,
      Instant from,
      Instant to) {
    String name = KeysScenario.instance(k);
    List<OmniConnection> mine =
        resources.stream()
            .filter(r -> w.s.instanceOf(KeysStoreCheck.index(r.getMetadata().getName())) == k)
            .toList();
    List<KeyTap.Call> steady = w.tap(k).calls(from, to);
    List<Instant> lists =
        steady.stream().filter(c -> c.route().equals("list")).map(KeyTap.Call::at).toList();
    Duration every =
        lists.size() < 2
            ? null
            : Duration.between(lists.get(0), lists.get(lists.size() - 1))
                .dividedBy(lists.size() - 1);
    return new KeysResult.Instance(
        name,
        w.s.organisation(k),
        mine.size(),
        (int) mine.stream().filter(Rig::ready).count(),
        calls,
        w.tap(k).countStatus(429),
        w.tap(k).foreignKeys(),
        lists.size(),
        steady.size() - lists.size(),
        every,
        status(w.rig.k8s.resources(ClusterOmniInstance.class).withName(name).get()));
  }

  private static String status(ClusterOmniInstance i) {
    if (i == null || i.getStatus() == null) {
      return "no status";
    }
    String ready =
        i.getStatus().conditions.stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(c -> c.getStatus() + "/" + c.getReason())
            .findFirst()
            .orElse("no Ready condition");
    return ready + ", status.connections " + i.getStatus().connections;
  }

  private static Map<String, Long> byRoute(List<KeyTap.Call> calls) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String route : BenchRun.ROUTES) {
      m.put(route, calls.stream().filter(c -> c.route().equals(route)).count());
    }
    return m;
  }

  /** The instances' statuses and events, for the secret scan. */
  private static String instanceText(KeysWorld w) {
    StringBuilder b = new StringBuilder();
    w.rig.k8s.resources(ClusterOmniInstance.class).list().getItems().stream()
        .map(i -> io.fabric8.kubernetes.client.utils.Serialization.asJson(i.getStatus()))
        .forEach(j -> b.append(j).append('\n'));
    w.rig
        .k8s
        .v1()
        .events()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(e -> b.append(e.getMessage()).append('\n'));
    return b.toString();
  }
}
