package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What was measured. Durations are null when not measured; memory is -1 when not measured. A run
 * that did not converge within its limit keeps what it reached: {@code ready} resources after
 * {@code waited}, the calls spent so far, and the steady state measured on what is there (the
 * operator still converging); edits and rotations are then not timed (the budget is not free).
 */
record BenchResult(
    BenchRun.Scenario scenario,
    Duration convergence,
    int ready,
    Duration waited,
    Map<String, Long> callsByRoute,
    long status429,
    double steadyListsPerInterval,
    double steadyOtherCallsPerInterval,
    double steadyIntervals,
    List<Duration> editLatencies,
    int editsMissed,
    List<Duration> rotationLatencies,
    int rotationsMissed,
    long heapAfterGc,
    long rss,
    Duration firstReconcile,
    Duration firstOmniCall,
    InvariantCheck check,
    int leaks,
    String notes) {

  boolean converged() {
    return ready == scenario.n();
  }

  double ratio() {
    return convergence == null
        ? Double.NaN
        : convergence.toMillis() / (double) scenario.floor().toMillis();
  }

  long totalCalls() {
    return callsByRoute.values().stream().mapToLong(Long::longValue).sum();
  }
}
