package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spec edits of a converged schedules run, one at a time: each changes one resource's first
 * schedule (a {@code kubectl edit} through the embedded API) once the budget has room, and is timed
 * until the simulator's store holds the new schedule, to the journal time of the schedule write
 * that put it there.
 *
 * <p>"The budget has room": the simulator's journal holds at most R − 4 answers in the last 61 s
 * (the budget's window), so the edit's read and write fit with one to spare for a list. Steady
 * state's periodic reads leave a tenth of the minute free, so this rarely waits.
 *
 * @param times edit → the simulator's answer to the write that made its schedules equal the spec
 * @param starts edit → the simulator's answer to the first call for that connection (the edit's
 *     schedule read): how long the edit waited before its reconcile called Omni
 * @param meanwhile for each edit, the other Omni calls answered while it waited for that first call
 * @param missed edits the simulator did not show within {@link #PATIENCE}
 * @param roomWait the longest wait for room before an edit
 */
record SchedulesEdits(
    List<Duration> times,
    List<Duration> starts,
    List<Map<String, Long>> meanwhile,
    int missed,
    Duration roomWait) {
  static final Duration PATIENCE = Duration.ofSeconds(20);

  /** No edit timed (the run did not converge). */
  static final SchedulesEdits NONE = new SchedulesEdits(List.of(), List.of(), List.of(), 0, null);

  static SchedulesEdits measure(SchedulesWorld w) {
    SchedulesScenario s = w.s;
    List<Duration> times = new ArrayList<>();
    List<Duration> starts = new ArrayList<>();
    List<Map<String, Long>> meanwhile = new ArrayList<>();
    int missed = 0;
    Duration roomWait = Duration.ZERO;
    for (int k = 0; k < s.edits(); k++) {
      String name = BenchResources.name((int) ((long) k * s.n() / s.edits()));
      Polling.sleep(Duration.ofMillis(500));
      Instant asked = Instant.now();
      Polling.waitFor(() -> roomFor(w), Duration.ofSeconds(70), Duration.ofMillis(50));
      Duration waited = Duration.between(asked, Instant.now());
      roomWait = waited.compareTo(roomWait) > 0 ? waited : roomWait;
      String id = w.rig.cached(name).getStatus().connectionId;
      Instant at = Instant.now();
      OmniConnection edited = w.editSchedule(name, ((k * 7 + 11) % 60) + " 5 * * ? *");
      boolean shown = Polling.waitFor(() -> w.settled(edited, id), PATIENCE, Duration.ofMillis(5));
      Instant seen = Instant.now();
      SchedulesCalls journal = new SchedulesCalls(w.rig.sim.journal());
      Instant start = journal.firstAfter(id, at);
      Instant write =
          journal.last(
              j ->
                  id.equals(j.connectionId())
                      && j.route().startsWith("schedule-")
                      && !j.route().equals("schedule-list")
                      && j.status() / 100 == 2
                      && !j.timestamp().isBefore(at),
              seen);
      if (!shown) {
        missed++;
      } else {
        times.add(Duration.between(at, write == null ? seen : write));
        starts.add(start == null ? null : Duration.between(at, start));
        meanwhile.add(journal.byRoute(at, start == null ? seen : start));
      }
    }
    return new SchedulesEdits(times, starts, meanwhile, missed, roomWait);
  }

  /** At most R − 4 answers in the journal's last 61 s. */
  private static boolean roomFor(SchedulesWorld w) {
    Instant since = Instant.now().minus(SchedulesScenario.WINDOW);
    long recent = 0;
    for (JournalEntry j : w.rig.sim.journal()) {
      if (j.timestamp().isAfter(since)) {
        recent++;
      }
    }
    return recent <= w.s.rate() - 4;
  }

  Duration worst() {
    return times.stream().max(Duration::compareTo).orElse(null);
  }

  /** Edit → its first Omni call, for the slowest edit (null without edits). */
  Duration slowestStart() {
    Duration worst = worst();
    return worst == null ? null : starts.get(times.indexOf(worst));
  }

  /** The other calls answered while the slowest edit waited for its first call. */
  Map<String, Long> slowestMeanwhile() {
    Duration worst = worst();
    return worst == null ? Map.of() : meanwhile.get(times.indexOf(worst));
  }

  Duration median() {
    return PatchLatency.percentile(times, 50);
  }
}
