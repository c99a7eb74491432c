package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened while the faults were on: from the operator's first Omni call until the faults were
 * switched off. Fault counts come from the simulator's answers in that window.
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
record SoakStorm(
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
    long rotationsOnReady) {

  /**
   * The storm as the simulator answered it, once the faults are off: {@code duration} from the
   * first call, {@code unserved} 429 slots cancelled, and what {@code chaos} wrote.
   */
  static SoakStorm measure(
      Rig rig,
      Duration firstCall,
      Duration duration,
      List<Long> createsPerInstance,
      long unserved,
      SoakChaos chaos) {
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
    return new SoakStorm(
        firstCall,
        duration,
        List.copyOf(createsPerInstance),
        rig.sim.totalRequests(),
        sumStatus(rig, 500) + sumStatus(rig, 503),
        sumStatus(rig, 429),
        dropped,
        patches,
        unserved,
        chaos.touches.get(),
        chaos.edits.get(),
        chaos.editsOnReady.get(),
        chaos.rotations.get(),
        chaos.rotationsOnReady.get());
  }

  private static long sumStatus(Rig rig, int status) {
    long n = 0;
    for (String route : BenchRun.ROUTES) {
      n += rig.sim.count(route, status);
    }
    return n;
  }
}
