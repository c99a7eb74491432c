package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.RequestBudget;
import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.Latency;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
      InvariantCheck check,
      int remaining,
      int deletedRequested,
      int deletedPending,
      int deletedGone,
      int leakedOfDeleted,
      Map<String, Long> callsByRoute,
      Storm storm,
      CallAttribution perResource,
      long steadyLists,
      long steadyOther,
      double steadyIntervals,
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
      if (perResource.maxExtra() > MAX_EXTRA_CALLS) {
        v.add(
            String.format(
                "%s: %d Omni calls beyond one create and one per change (bound %d)",
                perResource.maxExtraResource(), perResource.maxExtra(), MAX_EXTRA_CALLS));
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

    /**
     * Why the run proves nothing, when it does not: the storm has to have reached the operator.
     * Empty for a valid run. A run with invariants intact but no injected fault is not a pass.
     */
    List<String> invalidity() {
      List<String> v = new ArrayList<>();
      if (storm.status5xx() == 0) {
        v.add("no 500/503 answered during the storm");
      }
      if (storm.droppedCreates() == 0) {
        v.add("no create response dropped during the storm");
      }
      if (storm.status429() == 0) {
        v.add("no 429 answered during the storm");
      }
      if (restarts < scenario.restarts()) {
        v.add(restarts + " of " + scenario.restarts() + " restarts made");
      }
      // the last instance is not interrupted: it may find nothing left to create
      for (int k = 0; k < storm.createsPerInstance().size() - 1; k++) {
        if (storm.createsPerInstance().get(k) == 0) {
          v.add(
              "operator instance "
                  + (k + 1)
                  + " stored no connection before it was replaced (the restart interrupted no"
                  + " work)");
        }
      }
      if (storm.editsOnReady() == 0 || storm.rotationsOnReady() == 0) {
        v.add("no spec edit or no Secret rotation on a Ready resource during the storm");
      }
      if (storm.patchesByStatus().getOrDefault(200, 0L) == 0) {
        v.add("no PATCH answered during the storm");
      }
      return v;
    }

    boolean passed() {
      return violations().isEmpty() && invalidity().isEmpty();
    }
  }

  /**
   * What happened while the faults were on: from the operator's first Omni call until the faults
   * were switched off. Fault counts come from the simulator's answers in that window.
   *
   * @param firstCall from the (first) operator's start to its first Omni call
   * @param duration from that first call to the moment the faults were switched off: at least the
   *     chaos window, and until the last instance has stored its share of the connections
   * @param createsPerInstance connections stored (201 or dropped) while each operator instance ran
   * @param requests every Omni request answered (or dropped) during the storm
   * @param droppedCreates creates stored whose response was dropped (injected; a connection lost
   *     because the operator was killed mid-request is not counted)
   * @param patchesByStatus PATCH answers during the storm, by status
   * @param burstUnserved 429 burst slots nobody asked for before the next burst or the end of the
   *     storm (cancelled, so they never reach the operator later)
   */
  record Storm(
      Duration firstCall,
      Duration duration,
      List<Long> createsPerInstance,
      long requests,
      long status5xx,
      long status429,
      long droppedCreates,
      Map<Integer, Long> patchesByStatus,
      long burstUnserved,
      long labelTouches,
      long specEdits,
      long editsOnReady,
      long rotations,
      long rotationsOnReady) {}

  /**
   * Omni calls a resource may spend beyond one create and one call per change made to it (spec edit
   * or rotation), to absorb the storm's retries: ~20 % of creates fail or lose their answer, 10 %
   * of PATCHes fail, 429 bursts and restarts repeat work in flight.
   */
  static final int MAX_EXTRA_CALLS = 10;

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
      BenchResources.populate(
          rig, s.n(), 8, i -> i % 2 == 0 ? DeletionPolicy.Delete : DeletionPolicy.Orphan);
      rig.watch();
      Polling.waitFor(
          () -> rig.cached().size() == s.n(), Duration.ofMinutes(2), Duration.ofMillis(50));
      rig.sim.resetCounters();
      rig.sim.clearJournal();
      Settings settings =
          Settings.of(rig, s.pollInterval(), s.operatorRate(), s.threads(), s.maxHeap());
      OperatorUnderTest op =
          s.childJvm()
              ? new ChildJvmOperator(settings, s.jar(), s.workDir().resolve(s.label()))
              : new InProcessOperator(settings, rig.k8s);
      AtomicBoolean chaos = new AtomicBoolean(true);
      AtomicLong touches = new AtomicLong();
      AtomicLong edits = new AtomicLong();
      AtomicLong editsOnReady = new AtomicLong();
      AtomicLong rotations = new AtomicLong();
      AtomicLong rotationsOnReady = new AtomicLong();
      Map<String, Integer> changes = new ConcurrentHashMap<>();
      Set<String> deleted = ConcurrentHashMap.newKeySet();
      AtomicLong deletedPending = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      try {
        Instant started = Instant.now();
        op.start();
        // The storm starts with the operator's first Omni call: a child JVM needs seconds to get
        // there, and faults switched on and off before it does test nothing.
        if (!Polling.waitFor(
            () -> rig.sim.totalRequests() > 0, Duration.ofMinutes(2), Duration.ofMillis(20))) {
          throw new IllegalStateException(s.label() + ": no Omni call within 2 minutes of start");
        }
        Instant t0 = Instant.now();
        Duration firstCall = Duration.between(started, t0);
        log.accept(
            String.format(
                "[%s] first Omni call %.1fs after the operator's start: storm on",
                s.label(), firstCall.toMillis() / 1000.0));
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
                editEvery(s),
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
                rotateEvery(s),
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
        AtomicLong burstUnserved = new AtomicLong();
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
                  var pending = open.stream().filter(Soak::createPending).findAny();
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
        // Restarts during convergence, alternately a crash and a clean stop. Each instance is
        // replaced once it has stored its share of the connections, whatever its start-up costs,
        // so every restart interrupts work in flight.
        int step = Math.max(1, (s.n() - s.deletions()) / (s.restarts() + 1));
        Duration patience = Duration.ofMinutes(2);
        List<Long> createsPerInstance = new ArrayList<>();
        long base = stored(rig);
        int restarts = 0;
        for (int k = 1; k <= s.restarts(); k++) {
          long from = base;
          if (!Polling.waitFor(() -> stored(rig) - from >= step, patience, Duration.ofMillis(20))) {
            log.accept(
                String.format(
                    "[%s] instance %d stored %d connections in %ds (wanted %d): restarting anyway",
                    s.label(), k, stored(rig) - from, patience.toSeconds(), step));
          }
          boolean crash = k % 2 == 1;
          log.accept(
              String.format(
                  "[%s] %s the operator at %ds: %d/%d Ready, %d stored by this instance",
                  s.label(),
                  crash ? "killing" : "stopping",
                  ChildJvmOperator.since(t0).toSeconds(),
                  rig.readyCount(),
                  s.n(),
                  stored(rig) - from));
          op.stop(crash);
          createsPerInstance.add(stored(rig) - from);
          base = stored(rig);
          op.start();
          restarts++;
        }
        // The storm lasts at least the chaos window, and until the last instance too has stored
        // its share (or every remaining resource has its connection): the stragglers are left to
        // the settle. Edits and rotations on Ready resources meet the faults all along.
        long last = base;
        boolean worked =
            Polling.waitFor(
                () ->
                    ChildJvmOperator.since(t0).compareTo(s.chaos()) >= 0
                        && (stored(rig) - last >= step
                            || rig.cached().stream()
                                .filter(r -> !deleted.contains(r.getMetadata().getName()))
                                .allMatch(
                                    r ->
                                        r.getStatus() != null
                                            && r.getStatus().connectionId != null)),
                s.chaos().plus(patience),
                Duration.ofMillis(100));
        if (!worked) {
          log.accept(
              String.format(
                  "[%s] storm bound reached: the last instance stored %d connections",
                  s.label(), stored(rig) - last));
        }
        chaos.set(false);
        for (Thread t : threads) {
          t.join(10_000);
        }
        rig.sim.setError5xxRate(0);
        rig.sim.setDropCreateRate(0);
        rig.sim.setLatency(Duration.ofMillis(80));
        long unserved = burstUnserved.addAndGet(rig.sim.cancelRateLimitBurst());
        Instant stormEnd = Instant.now();
        createsPerInstance.add(stored(rig) - base);
        List<JournalEntry> stormJournal = rig.sim.journal();
        Map<Integer, Long> patches = new TreeMap<>();
        long dropped = 0;
        for (JournalEntry j : stormJournal) {
          if ("patch".equals(j.route())) {
            patches.merge(j.status(), 1L, Long::sum);
          } else if ("create".equals(j.route()) && j.dropped() && j.connectionId() != null) {
            dropped++;
          }
        }
        Storm storm =
            new Storm(
                firstCall,
                Duration.between(t0, stormEnd),
                List.copyOf(createsPerInstance),
                rig.sim.totalRequests(),
                sumStatus(rig, 500) + sumStatus(rig, 503),
                sumStatus(rig, 429),
                dropped,
                patches,
                unserved,
                touches.get(),
                edits.get(),
                editsOnReady.get(),
                rotations.get(),
                rotationsOnReady.get());
        log.accept(
            String.format(
                "[%s] faults off after a %ds storm: %d/%d Ready, %d deleted; %s",
                s.label(),
                storm.duration().toSeconds(),
                rig.readyCount(),
                s.n(),
                deleted.size(),
                storm));

        // --- settle: every remaining resource Ready and equal to Omni, deleted ones gone
        Instant quiet = Instant.now();
        Duration bound = Duration.ofSeconds(60).plusMillis(s.n() * 60_000L / s.operatorRate() * 2);
        Polling.waitFor(
            () -> {
              var all = rig.cached();
              return all.size() == s.n() - deleted.size() && InvariantCheck.of(rig, all).ok();
            },
            bound,
            Duration.ofMillis(500));
        Duration settle = Duration.between(quiet, Instant.now());
        List<OmniConnection> remaining = rig.cached();
        InvariantCheck check = InvariantCheck.of(rig, remaining);
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
        // the whole run's journal: the storm and the settle (the steady state is measured after)
        CallAttribution per = CallAttribution.of(rig.sim, rig.sim.journal(), changes);
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String route : BenchRun.ROUTES) {
          calls.put(route, rig.sim.count(route));
        }

        // --- steady state after the storm, once the storm's requests have left the budget's 61 s
        // window: until then the window (cut by a quarter or two by the storm's 429s) can still
        // be full and hold the poller's list back, which is the storm's tail, not steady state
        Duration sinceQuiet = Duration.between(quiet, Instant.now());
        Duration window = RequestBudget.WINDOW;
        if (sinceQuiet.compareTo(window) < 0) {
          Polling.sleep(window.minus(sinceQuiet));
        }
        Steady steady = Steady.measure(rig, s.pollInterval());
        int leaks =
            LeakScan.count(
                op.capturedOutput() + LeakScan.kubernetesText(rig.k8s), rig.secretsToHide());
        return new Result(
            s,
            check,
            remaining.size(),
            deleted.size(),
            (int) deletedPending.get(),
            gone,
            leaked,
            calls,
            storm,
            per,
            steady.lists(),
            steady.other(),
            steady.intervals(),
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

  /**
   * How often a spec is edited: every 120 ms, but no faster than a quarter of the operator's
   * budget, so that the PATCHes on Ready resources do not starve convergence (at 600/min: every 400
   * ms).
   */
  static Duration editEvery(Scenario s) {
    return Duration.ofMillis(Math.max(120, 4 * 60_000L / s.operatorRate()));
  }

  /** How often a Secret is rotated: every 400 ms, at most a twelfth of the operator's budget. */
  static Duration rotateEvery(Scenario s) {
    return Duration.ofMillis(Math.max(400, 12 * 60_000L / s.operatorRate()));
  }

  /** Connections stored by creates so far: answered (201) or with the answer dropped. */
  private static long stored(Rig rig) {
    return rig.sim.count("create", 201) + rig.sim.count("create", JournalEntry.DROPPED);
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
