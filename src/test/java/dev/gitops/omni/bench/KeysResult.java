package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a K-keys run measured.
 *
 * @param convergence operator start → the last resource Ready; null when not every one was
 * @param firstCall operator start → the first Omni call, of any key
 * @param calls Omni calls by route until every resource was Ready, all keys together
 * @param c429 429 answers over the whole run (convergence and steady state), all keys
 * @param instances each instance's share, in instance order
 * @param commandLineLists lists of the command line's instance (which no resource uses) in the
 *     steady-state window
 * @param intervals poll intervals in the steady-state window
 */
record KeysResult(
    KeysScenario s,
    Duration convergence,
    int ready,
    Duration waited,
    Duration firstCall,
    Map<String, Long> calls,
    long c429,
    List<Instance> instances,
    long commandLineLists,
    double intervals,
    KeysStoreCheck store,
    int leaks,
    String operator) {

  /**
   * One instance (one key).
   *
   * @param calls its calls by route until every resource was Ready
   * @param foreign requests through its URL that carried another key
   * @param steadyLists its lists in the steady-state window
   * @param steadyOther its other calls in the steady-state window
   * @param listEvery the mean time between two of its lists in the steady-state window (null with
   *     fewer than two)
   * @param status its Ready condition (status/reason) and status.connections
   */
  record Instance(
      String name,
      String organisation,
      int resources,
      int ready,
      Map<String, Long> calls,
      long c429,
      long foreign,
      long steadyLists,
      long steadyOther,
      Duration listEvery,
      String status) {

    long total() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  boolean converged() {
    return convergence != null;
  }

  /** Convergence ÷ N / (K·R). */
  double ratio() {
    return convergence == null
        ? Double.NaN
        : convergence.toMillis() / (double) s.floor().toMillis();
  }

  /** Within 1.05 × N / (K·R) plus {@code allowance}. */
  boolean withinBound(Duration allowance) {
    return convergence != null && convergence.compareTo(s.bound().plus(allowance)) <= 0;
  }

  /**
   * Every instance listed once per interval in steady state (give or take the one a window edge
   * cuts) and called nothing else.
   */
  boolean onePerInstancePerInterval() {
    return instances.stream()
        .allMatch(i -> Steady.onePerInterval(i.steadyLists(), i.steadyOther(), intervals));
  }

  long foreignKeys() {
    return instances.stream().mapToLong(Instance::foreign).sum();
  }
}
