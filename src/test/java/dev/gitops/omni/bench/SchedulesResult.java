package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a schedules run measured.
 *
 * @param convergence operator start → every resource Ready with its schedules in the simulator (the
 *     later of the last Ready and the last schedule write); null when not reached
 * @param firstCall operator start → the first Omni call
 * @param unsettled resources not Ready or with other schedules than their spec's, at the end of the
 *     wait for convergence
 * @param calls Omni calls by route until convergence
 * @param readsBeforeCreate schedule reads of a connection before its first schedule was created,
 *     whole run
 * @param c429 429 answers over the whole run
 * @param most60 the most requests the journal shows in any 60 s (Omni's window), whole run
 * @param steadyCalls calls by route in the steady-state window
 * @param intervals poll intervals in the steady-state window
 * @param mostBeforeRead the most requests in the 61 s before a periodic schedule read (steady
 *     state), itself included
 */
record SchedulesResult(
    SchedulesScenario s,
    String operator,
    Duration convergence,
    Duration firstCall,
    int unsettled,
    Duration waited,
    Map<String, Long> calls,
    long readsBeforeCreate,
    SchedulesEdits edits,
    Map<String, Long> steadyCalls,
    double intervals,
    long mostBeforeRead,
    long c429,
    long most60,
    int leaks) {

  boolean converged() {
    return convergence != null;
  }

  /** First Omni call → converged: the time the calls took, against the floor. */
  Duration sinceFirstCall() {
    return convergence == null || firstCall == null ? null : convergence.minus(firstCall);
  }

  /** {@link #sinceFirstCall()} ÷ the floor (the bound is 1.1). */
  double ratio() {
    return ratio(sinceFirstCall(), s.floor());
  }

  /** Operator start → converged, ÷ the floor. */
  double ratioFromStart() {
    return ratio(convergence, s.floor());
  }

  /** {@link #sinceFirstCall()} ÷ the sliding window's floor. */
  double ratioToWindowFloor() {
    return ratio(sinceFirstCall(), s.windowFloor());
  }

  private static double ratio(Duration d, Duration floor) {
    return d == null || floor.isZero() ? Double.NaN : d.toMillis() / (double) floor.toMillis();
  }

  long totalCalls() {
    return SchedulesCalls.total(calls);
  }

  /** Calls made to converge ÷ the floor of calls. */
  double callRatio() {
    return totalCalls() / (double) s.floorCalls();
  }

  double perInterval(String route) {
    return steadyCalls.getOrDefault(route, 0L) / intervals;
  }

  /** Steady-state calls other than lists and schedule reads. */
  long steadyOther() {
    return SchedulesCalls.total(steadyCalls)
        - steadyCalls.getOrDefault("list", 0L)
        - steadyCalls.getOrDefault("schedule-list", 0L);
  }

  /** One list per interval in steady state, give or take the one a window edge cuts. */
  boolean oneListPerInterval() {
    return Math.abs(steadyCalls.getOrDefault("list", 0L) - intervals) <= 1.0;
  }
}
