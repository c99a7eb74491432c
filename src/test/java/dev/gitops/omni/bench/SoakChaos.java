package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storm's writers while the faults are on: on the Kubernetes side a writer touching labels (so
 * the operator's writes meet 409 conflicts), spec edits and Secret rotations (every other one on a
 * Ready resource), deletions mid-create; on the Omni side 429 bursts. Counts what it did.
 */
final class SoakChaos {
  private final Rig rig;
  private final Soak.Scenario s;
  private final Random random;
  private final AtomicBoolean chaos = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  final AtomicLong touches = new AtomicLong();
  final AtomicLong edits = new AtomicLong();
  final AtomicLong editsOnReady = new AtomicLong();
  final AtomicLong rotations = new AtomicLong();
  final AtomicLong rotationsOnReady = new AtomicLong();
  final Map<String, Integer> changes = new ConcurrentHashMap<>();
  final Set<String> deleted = ConcurrentHashMap.newKeySet();
  final AtomicLong deletedPending = new AtomicLong();
  final AtomicLong burstUnserved = new AtomicLong();

  SoakChaos(Rig rig, Soak.Scenario s) {
    this.rig = rig;
    this.s = s;
    this.random = new Random(s.seed());
  }

  /** Starts every writer, each on a daemon thread. */
  void start() {
    // Kubernetes side: a writer that keeps touching labels, so status writes meet 409s
    threads.add(
        loop(
            "label-toucher",
            chaos,
            Duration.ofMillis(15),
            () -> {
              String name = BenchResources.name(random(random, s.n()));
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
    // spec edits and Secret rotations while converging: none may be lost. Every other one goes
    // to a resource that is Ready, so PATCHes (not only creates) meet the faults.
    AtomicLong editTicks = new AtomicLong();
    threads.add(
        loop(
            "spec-editor",
            chaos,
            Soak.editEvery(s),
            () -> {
              boolean onReady = editTicks.incrementAndGet() % 2 == 0;
              String name = pick(rig, random, s.n(), onReady, deleted);
              if (name == null) {
                return;
              }
              try {
                rig.setRole(name, Rig.ROLES[random(random, Rig.ROLES.length)]);
                edits.incrementAndGet();
                changes.merge(name, 1, Integer::sum);
                if (onReady) {
                  editsOnReady.incrementAndGet();
                }
              } catch (KubernetesClientException e) {
                // deleted meanwhile
              }
            }));
    AtomicLong rotationTicks = new AtomicLong();
    threads.add(
        loop(
            "rotator",
            chaos,
            Soak.rotateEvery(s),
            () -> {
              boolean onReady = rotationTicks.incrementAndGet() % 2 == 0;
              String name = pick(rig, random, s.n(), onReady, deleted);
              if (name == null) {
                return;
              }
              rig.writeSecret(name);
              rotations.incrementAndGet();
              changes.merge(name, 1, Integer::sum);
              if (onReady) {
                rotationsOnReady.incrementAndGet();
              }
            }));
    // Omni side: 429 bursts on top of the dice (5xx, dropped creates, latency spikes). A burst
    // nobody asked for within 2 s is replaced, not added to: while a restarted JVM starts,
    // bursts would otherwise pile up and answer its first dozens of requests with 429.
    threads.add(
        loop(
            "429-bursts",
            chaos,
            Duration.ofMillis(2000),
            () -> {
              burstUnserved.addAndGet(rig.sim.cancelRateLimitBurst());
              rig.sim.injectRateLimitBurst(3);
            }));
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
              var pending = open.stream().filter(SoakChaos::createPending).findAny();
              var candidate = pending.or(() -> open.stream().findAny());
              candidate.ifPresent(
                  r -> {
                    deleted.add(r.getMetadata().getName());
                    if (pending.isPresent()) {
                      deletedPending.incrementAndGet();
                    }
                    rig.k8s.resources(OmniConnection.class).resource(r).delete();
                  });
            }));
  }

  /** Stops the writers and waits for each (10 s at most). */
  void stop() throws InterruptedException {
    chaos.set(false);
    for (Thread t : threads) {
      t.join(10_000);
    }
  }

  /** Stops the writers without waiting. */
  void halt() {
    chaos.set(false);
  }

  private static boolean createPending(OmniConnection r) {
    return r.unsettledCreateMark() != null;
  }

  /**
   * A resource to edit: when {@code ready}, one that is Ready now (null when none is); otherwise
   * any resource not deleted by the soak (null when the pick was deleted).
   */
  private static String pick(Rig rig, Random random, int n, boolean ready, Set<String> deleted) {
    if (ready) {
      List<String> names =
          rig.cached().stream()
              .filter(Rig::ready)
              .map(r -> r.getMetadata().getName())
              .filter(name -> !deleted.contains(name))
              .toList();
      return names.isEmpty() ? null : names.get(random(random, names.size()));
    }
    String name = BenchResources.name(random(random, n));
    return deleted.contains(name) ? null : name;
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
