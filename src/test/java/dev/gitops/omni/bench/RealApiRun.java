package dev.gitops.omni.bench;

import dev.gitops.omni.e2e.OperatorInstall;
import dev.gitops.omni.e2e.OperatorProcess;
import dev.gitops.omni.simulator.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run on a real kube-apiserver: N resources written before the shipped jar starts (as its
 * ServiceAccount, RBAC from deploy/), then start-up, convergence, the Kubernetes writes it cost
 * (audit log) and the steady state against both APIs.
 */
final class RealApiRun {
  static final Duration POLL = Duration.ofSeconds(10);
  static final int RATE = 6000;
  static final int THREADS = 20;
  static final int STEADY_INTERVALS = 3;
  static final List<String> ARGS =
      List.of(
          "--watch-namespaces=" + Rig.NS,
          "--rate-limit=" + RATE,
          "--reconcile-threads=" + THREADS,
          "--poll-interval=" + POLL.toSeconds() + "s");

  private static final Pattern FIRST_RECONCILE =
      Pattern.compile("first reconcile (\\d+) ms after the process started");

  static RealApiResult run(int n, String maxHeap, int unrelated, Consumer<String> log)
      throws Exception {
    String loadBefore = CpuUse.load();
    try (RealApiWorld world = new RealApiWorld(n)) {
      Duration populate = world.populate(n, 16, Duration.ofMinutes(20));
      log.accept(String.format("[N=%d] %d Secrets + %d connections in %s", n, n, n, populate));
      if (unrelated > 0) {
        Duration others = world.populateUnrelated(unrelated, 16, Duration.ofMinutes(20));
        log.accept(String.format("[N=%d] %d unrelated Secrets in %s", n, unrelated, others));
      }
      if (!world.watch(n, Duration.ofMinutes(2))) {
        throw new IllegalStateException("the readiness informer never listed all " + n);
      }
      var audit = world.install.cluster().audit();
      var sim = world.install.omni();
      sim.resetCounters();
      sim.clearJournal();
      long mark = audit.mark();
      Instant before = Instant.now();
      CpuUse cpuBefore = CpuUse.now();
      OperatorProcess op =
          world.install.runOperator(
              "omni-operator-bench", jvm(maxHeap), ARGS, Duration.ofMinutes(5));
      Instant start =
          ProcessHandle.of(op.pid()).flatMap(h -> h.info().startInstant()).orElse(before);
      long deadline = System.nanoTime() + Duration.ofMillis(n * 60L).plusMinutes(3).toNanos();
      long lastLog = System.nanoTime();
      while (world.ready.count() < n && System.nanoTime() < deadline && op.alive()) {
        Polling.sleep(Duration.ofMillis(100));
        if (System.nanoTime() - lastLog > 15e9) {
          lastLog = System.nanoTime();
          log.accept(
              String.format("[N=%d] %d Ready after %s", n, world.ready.count(), since(start)));
        }
      }
      int ready = world.ready.count();
      Duration waited = since(start);
      Duration allReady = ready == n ? Duration.between(start, world.ready.last()) : null;
      String cpu = CpuUse.now().since(cpuBefore, Duration.between(before, Instant.now()));
      log.accept(
          String.format("[N=%d] %d/%d Ready, last after %s; CPU %s", n, ready, n, allReady, cpu));
      List<JournalEntry> journal = sim.journal();
      Duration firstCall =
          journal.isEmpty() ? null : Duration.between(start, journal.get(0).timestamp());

      // the operator may go on writing after the last Ready (status rewrites the poller triggers):
      // the steady state starts once it has written nothing for one poll interval
      String user = OperatorInstall.OPERATOR_USER;
      Instant lastWrite =
          RealApiAudit.awaitQuiet(audit, mark, user, start, POLL, Duration.ofMinutes(5));
      Polling.sleep(Duration.ofMillis(500));
      Map<String, Long> omniConverge = omniCounts(sim);
      Instant from = Instant.now();
      Polling.sleep(POLL.multipliedBy(STEADY_INTERVALS));
      Instant to = Instant.now();
      Map<String, Long> omniSteady = omniCounts(sim);
      omniSteady.replaceAll((route, c) -> c - omniConverge.get(route));
      double intervals = Duration.between(from, to).toMillis() / (double) POLL.toMillis();
      Polling.sleep(Duration.ofSeconds(1)); // the audit log has the window's last requests
      RealApiAudit converge = RealApiAudit.of(audit, mark, user, before, from);
      RealApiAudit steady = RealApiAudit.of(audit, mark, user, from, to);
      var memory = op.alive() ? JvmMemory.of(op.pid()) : null;
      String opLog = op.log();
      Matcher m = FIRST_RECONCILE.matcher(opLog);
      Duration firstReconcile = m.find() ? Duration.ofMillis(Long.parseLong(m.group(1))) : null;
      int leaks = LeakScan.count(opLog, world.secretValues);
      Files.copy(
          world.install.cluster().work().resolve("omni-operator-bench.log"),
          Path.of("target", "real-apiserver-operator-" + n + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return new RealApiResult(
          n,
          populate,
          loadBefore,
          CpuUse.load(),
          firstReconcile,
          firstCall,
          allReady,
          ready,
          waited,
          converge,
          steady,
          intervals,
          omniConverge,
          omniSteady,
          memory,
          leaks,
          cpu,
          Duration.between(start, lastWrite));
    }
  }

  /** As the mock rows ran it: the heap given, and the class-data archive when it was built. */
  static List<String> jvm(String maxHeap) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + maxHeap));
    Path archive = Path.of("target", "omni-operator.jsa");
    if (Files.isRegularFile(archive)) {
      options.addAll(
          List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    return options;
  }

  private static Map<String, Long> omniCounts(dev.gitops.omni.simulator.OmniSimulator sim) {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String route : BenchRun.ROUTES) {
      calls.put(route, sim.count(route));
    }
    return calls;
  }

  private static Duration since(Instant t) {
    return Duration.between(t, Instant.now());
  }
}
