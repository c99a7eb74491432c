package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.Latency;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The fault soak: the operator converging N resources while Omni drops 10 % of create responses,
 * answers 10 % with 500/503, throws 429 bursts and latency spikes; the operator is stopped and a
 * new one started five times (alternately killed and stopped cleanly); on the Kubernetes side a
 * writer keeps touching labels (so the operator's writes meet 409 conflicts), specs and Secrets are
 * edited, and resources are deleted mid-create. Then the faults stop and the invariants are
 * checked.
 */
final class Soak {

  record Scenario(
      String label,
      int n,
      int simRate,
      int operatorRate,
      boolean childJvm,
      Duration pollInterval,
      int threads,
      Duration chaos,
      int restarts,
      int deletions,
      String maxHeap,
      Path jar,
      Path workDir,
      long seed) {}

  record Result(
      Scenario scenario,
      Rig.Check check,
      int remaining,
      int deletedRequested,
      int deletedGone,
      int leakedOfDeleted,
      Map<String, Long> callsByRoute,
      Map<String, Long> faults,
      Rig.Attribution perResource,
      long steadyLists,
      long steadyOther,
      double steadyIntervals,
      long labelTouches,
      long specEdits,
      long rotations,
      int restarts,
      Duration settle,
      int leaks) {

    /** The invariants the soak asserts; empty when they all hold. */
    List<String> violations() {
      List<String> v = new ArrayList<>();
      if (check.duplicateNames() > 0) {
        v.add(check.duplicateNames() + " duplicate connection names");
      }
      if (check.ready() != check.resources()) {
        v.add((check.resources() - check.ready()) + " resources not Ready");
      }
      if (check.lostUpdates() > 0) {
        v.add(check.lostUpdates() + " specs differ from Omni (lost updates)");
      }
      if (check.staleCredentials() > 0) {
        v.add(check.staleCredentials() + " connections with stale credentials");
      }
      if (check.sharedIds() > 0) {
        v.add(check.sharedIds() + " connections claimed by two resources");
      }
      if (deletedGone != deletedRequested) {
        v.add((deletedRequested - deletedGone) + " deleted resources still present");
      }
      if (leakedOfDeleted > 0) {
        v.add(
            leakedOfDeleted + " live connections left by deleted deletionPolicy-Delete resources");
      }
      if (!Steady.onePerInterval(steadyLists, steadyOther, steadyIntervals)) {
        v.add(
            String.format(
                "steady state: %d lists and %d other calls in %.2f poll intervals",
                steadyLists, steadyOther, steadyIntervals));
      }
      if (leaks > 0) {
        v.add(leaks + " secret values found in captured output");
      }
      v.addAll(check.examples().stream().map(e -> "  e.g. " + e).toList());
      return v;
    }
  }

  static Result run(Scenario s, Consumer<String> log) {
    SimulatorOptions options =
        Rig.simulator(s.simRate(), s.n(), s.seed())
            .latency(
                Latency.fixed(Duration.ofMillis(80))
                    .withJitter(Duration.ofMillis(40))
                    .withSpikes(0.03, Duration.ofMillis(1500)))
            .error5xxRate(0.10)
            .dropCreateRate(0.10)
            .build();
    Random random = new Random(s.seed());
    try (Rig rig = new Rig(options)) {
      // even resources archive their connection on deletion, odd ones leave it
      rig.populate(s.n(), 8, i -> i % 2 == 0 ? DeletionPolicy.Delete : DeletionPolicy.Orphan);
      rig.watch();
      Rig.waitFor(() -> rig.cached().size() == s.n(), Duration.ofMinutes(2), Duration.ofMillis(50));
      Settings settings =
          new Settings(
              rig.sim.baseUrl(),
              rig.token,
              rig.kube.url(),
              s.pollInterval(),
              s.operatorRate(),
              s.threads(),
              s.maxHeap());
      OperatorUnderTest op =
          s.childJvm()
              ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve(s.label()))
              : new InProcessOperator(settings, rig.k8s);
      AtomicBoolean chaos = new AtomicBoolean(true);
      AtomicLong touches = new AtomicLong();
      AtomicLong edits = new AtomicLong();
      AtomicLong rotations = new AtomicLong();
      Set<String> deleted = ConcurrentHashMap.newKeySet();
      List<Thread> threads = new ArrayList<>();
      try {
        op.start();
        Instant t0 = Instant.now();
        // Kubernetes side: a writer that keeps touching labels, so status writes meet 409s
        threads.add(
            loop(
                "label-toucher",
                chaos,
                Duration.ofMillis(15),
                () -> {
                  String name = Rig.name(random(random, s.n()));
                  try {
                    rig.k8s
                        .resources(OmniConnection.class)
                        .inNamespace(Rig.NS)
                        .withName(name)
                        .edit(
                            r -> {
                              r.getMetadata()
                                  .getLabels()
                                  .put("bench/touched", Long.toString(touches.incrementAndGet()));
                              return r;
                            });
                  } catch (KubernetesClientException e) {
                    // deleted meanwhile, or a conflict of our own: the point is the operator's
                  }
                }));
        // spec edits and Secret rotations while converging: none may be lost
        threads.add(
            loop(
                "spec-editor",
                chaos,
                Duration.ofMillis(120),
                () -> {
                  String name = Rig.name(random(random, s.n()));
                  if (!deleted.contains(name)) {
                    try {
                      rig.setRole(name, Rig.ROLES[random(random, Rig.ROLES.length)]);
                      edits.incrementAndGet();
                    } catch (KubernetesClientException e) {
                      // deleted meanwhile
                    }
                  }
                }));
        threads.add(
            loop(
                "rotator",
                chaos,
                Duration.ofMillis(400),
                () -> {
                  String name = Rig.name(random(random, s.n()));
                  if (!deleted.contains(name)) {
                    rig.writeSecret(name);
                    rotations.incrementAndGet();
                  }
                }));
        // Omni side: 429 bursts on top of the dice (5xx, dropped creates, latency spikes)
        threads.add(
            loop(
                "429-bursts",
                chaos,
                Duration.ofMillis(2000),
                () -> rig.sim.injectRateLimitBurst(3)));
        // deletions mid-create: resources that have no connection id yet, spread over the window
        threads.add(
            loop(
                "deleter",
                chaos,
                s.chaos().dividedBy(Math.max(1, s.deletions() + 1)),
                () -> {
                  if (deleted.size() >= s.deletions()) {
                    return;
                  }
                  // a resource whose POST may be on the wire first, else one not created yet
                  var open =
                      rig.cached().stream()
                          .filter(r -> !deleted.contains(r.getMetadata().getName()))
                          .filter(r -> r.getStatus() == null || r.getStatus().connectionId == null)
                          .toList();
                  var candidate =
                      open.stream()
                          .filter(
                              r ->
                                  r.getMetadata().getAnnotations() != null
                                      && r.getMetadata()
                                          .getAnnotations()
                                          .containsKey(OmniConnection.CREATE_PENDING_ANNOTATION))
                          .findAny()
                          .or(() -> open.stream().findAny());
                  candidate.ifPresent(
                      r -> {
                        deleted.add(r.getMetadata().getName());
                        rig.k8s.resources(OmniConnection.class).resource(r).delete();
                      });
                }));
        // five restarts during convergence, alternately a crash and a clean stop
        int restarts = 0;
        for (int k = 1; k <= s.restarts(); k++) {
          Instant at = t0.plus(s.chaos().multipliedBy(k).dividedBy(s.restarts() + 1));
          Rig.sleep(
              Duration.between(Instant.now(), at).isNegative()
                  ? Duration.ZERO
                  : Duration.between(Instant.now(), at));
          boolean crash = k % 2 == 1;
          log.accept(
              String.format(
                  "[%s] %s the operator at %ds: %d/%d Ready",
                  s.label(),
                  crash ? "killing" : "stopping",
                  ChildJvmOperator.since(t0).toSeconds(),
                  rig.readyCount(),
                  s.n()));
          op.stop(crash);
          op.start();
          restarts++;
        }
        Rig.sleep(
            Duration.between(Instant.now(), t0.plus(s.chaos())).isNegative()
                ? Duration.ZERO
                : Duration.between(Instant.now(), t0.plus(s.chaos())));
        chaos.set(false);
        for (Thread t : threads) {
          t.join(10_000);
        }
        rig.sim.setError5xxRate(0);
        rig.sim.setDropCreateRate(0);
        rig.sim.setLatency(Duration.ofMillis(80));
        log.accept(
            String.format(
                "[%s] faults off at %ds: %d/%d Ready, %d deleted; %d label touches, %d spec edits,"
                    + " %d rotations",
                s.label(),
                ChildJvmOperator.since(t0).toSeconds(),
                rig.readyCount(),
                s.n(),
                deleted.size(),
                touches.get(),
                edits.get(),
                rotations.get()));

        // --- settle: every remaining resource Ready and equal to Omni, deleted ones gone
        Instant quiet = Instant.now();
        Duration bound = Duration.ofSeconds(60).plusMillis(s.n() * 60_000L / s.operatorRate() * 2);
        Rig.waitFor(
            () -> {
              var all = rig.cached();
              return all.size() == s.n() - deleted.size() && rig.check(all).ok();
            },
            bound,
            Duration.ofMillis(500));
        Duration settle = Duration.between(quiet, Instant.now());
        List<OmniConnection> remaining = rig.cached();
        Rig.Check check = rig.check(remaining);
        Set<String> present =
            remaining.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
        int gone = (int) deleted.stream().filter(d -> !present.contains(d)).count();
        Set<String> deletedWithDelete = new HashSet<>();
        for (String d : deleted) {
          if (Integer.parseInt(d.substring(d.indexOf('-') + 1)) % 2 == 0) {
            deletedWithDelete.add(d);
          }
        }
        int leaked =
            (int)
                rig.sim.connections().stream()
                    .filter(c -> !c.archived() && deletedWithDelete.contains(c.name()))
                    .count();
        List<JournalEntry> journal = rig.sim.journal();
        Rig.Attribution per = rig.callsPerResource(journal);
        Map<String, Long> calls = new HashMap<>();
        for (String route : BenchRun.ROUTES) {
          calls.put(route, rig.sim.count(route));
        }
        Map<String, Long> faults = new HashMap<>();
        faults.put("429", sumStatus(rig, 429));
        faults.put("500", sumStatus(rig, 500));
        faults.put("503", sumStatus(rig, 503));
        faults.put("dropped creates", rig.sim.count("create", 0));

        // --- steady state after the storm
        Steady steady = Steady.measure(rig, s.pollInterval());
        int leaks = Rig.leaks(op.capturedOutput() + rig.kubernetesText(), rig.secretsToHide());
        return new Result(
            s,
            check,
            remaining.size(),
            deleted.size(),
            gone,
            leaked,
            calls,
            faults,
            per,
            steady.lists(),
            steady.other(),
            steady.intervals(),
            touches.get(),
            edits.get(),
            rotations.get(),
            restarts,
            settle,
            leaks);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        chaos.set(false);
        op.close();
      }
    }
  }

  private static long sumStatus(Rig rig, int status) {
    long n = 0;
    for (String route : BenchRun.ROUTES) {
      n += rig.sim.count(route, status);
    }
    return n;
  }

  private static int random(Random r, int bound) {
    synchronized (r) {
      return r.nextInt(bound);
    }
  }

  /** A daemon thread that runs {@code step} every {@code every} while {@code on} holds. */
  private static Thread loop(String name, AtomicBoolean on, Duration every, Runnable step) {
    Thread t =
        new Thread(
            () -> {
              while (on.get()) {
                try {
                  step.run();
                } catch (RuntimeException e) {
                  // chaos must not stop on one failed write
                }
                try {
                  Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "soak-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
