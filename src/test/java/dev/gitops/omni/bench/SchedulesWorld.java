package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.RefreshScheduleSpec;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.ScheduleSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Rig} of a schedules run: the simulator at R per minute with its schedule calls ready
 * at once after a create ({@code scheduleNotReadyFor} zero), and N OmniConnections with two
 * schema-refresh schedules each, in two time zones. {@link #unsettled} compares every connection's
 * schedules in the simulator's store with its spec; {@link #editSchedule} changes one the way
 * {@code kubectl edit} would.
 */
final class SchedulesWorld implements AutoCloseable {
  final SchedulesScenario s;
  final Rig rig;

  SchedulesWorld(SchedulesScenario s) {
    this.s = s;
    rig =
        new Rig(
            Rig.simulator(s.rate(), s.n(), s.seed()).scheduleNotReadyFor(Duration.ZERO).build());
  }

  /** The two schedules resource {@code i} starts with: daily, and weekdays at noon in Berlin. */
  static List<RefreshScheduleSpec> schedules(int i) {
    return List.of(
        new RefreshScheduleSpec((i % 60) + " 3 * * ? *", "UTC"),
        new RefreshScheduleSpec("30 12 ? * MON-FRI *", "Europe/Berlin"));
  }

  /** Writes the N OmniConnections (with their schedules) and their Secrets. */
  void populate() {
    BenchResources.populate(
        rig,
        s.n(),
        8,
        i -> DeletionPolicy.Orphan,
        (r, i) -> r.getSpec().schemaRefreshSchedules = new ArrayList<>(schedules(i)));
  }

  /**
   * The N resources written and in the harness's cache, the simulator's counters and journal
   * cleared: the operator's settings to start it on this world with.
   */
  OperatorUnderTest.Settings ready(String maxHeap) {
    populate();
    rig.watch();
    Polling.waitFor(
        () -> rig.cached().size() == s.n(),
        java.time.Duration.ofMinutes(2),
        java.time.Duration.ofMillis(50));
    rig.sim.resetCounters();
    rig.sim.clearJournal();
    return OperatorUnderTest.Settings.of(rig, s.pollInterval(), s.rate(), s.threads(), maxHeap);
  }

  /**
   * Resources that are not Ready, or whose schedules in the simulator are not exactly their spec's
   * (compared as a set of cron and zone: no schedule missing, changed or extra).
   */
  int unsettled() {
    Map<String, Set<String>> stored = new HashMap<>();
    for (ScheduleSnapshot x : rig.sim.organisation(Organisations.DEFAULT).schedules()) {
      stored.computeIfAbsent(x.connectionId(), k -> new HashSet<>()).add(key(x));
    }
    int unsettled = 0;
    for (OmniConnection r : rig.cached()) {
      String id = r.getStatus() == null ? null : r.getStatus().connectionId;
      if (!Rig.ready(r) || id == null || !wanted(r).equals(stored.get(id))) {
        unsettled++;
      }
    }
    return unsettled + Math.max(0, s.n() - rig.cached().size());
  }

  /** Whether the simulator holds exactly the schedules {@code r}'s spec asks for. */
  boolean settled(OmniConnection r, String connectionId) {
    Set<String> stored = new HashSet<>();
    rig.sim.schedules(Organisations.DEFAULT, connectionId).forEach(x -> stored.add(key(x)));
    return wanted(r).equals(stored);
  }

  private static Set<String> wanted(OmniConnection r) {
    Set<String> want = new HashSet<>();
    r.getSpec().schemaRefreshSchedules.forEach(x -> want.add(x.schedule + " @ " + x.timezone));
    return want;
  }

  private static String key(ScheduleSnapshot x) {
    return x.schedule() + " @ " + x.timezone();
  }

  /**
   * Gives resource {@code name}'s first schedule the cron {@code cron} (retrying on a conflict) and
   * returns the resource as written.
   */
  OmniConnection editSchedule(String name, String cron) {
    for (int attempt = 0; ; attempt++) {
      try {
        return rig.k8s
            .resources(OmniConnection.class)
            .inNamespace(Rig.NS)
            .withName(name)
            .edit(
                r -> {
                  r.getSpec().schemaRefreshSchedules.get(0).schedule = cron;
                  return r;
                });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 20) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    rig.close();
  }
}
