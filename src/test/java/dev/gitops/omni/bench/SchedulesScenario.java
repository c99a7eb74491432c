package dev.gitops.omni.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The schedules run of issue 13: N OmniConnections with two schema-refresh schedules each, one
 * instance (the command line's) at R requests per minute (Omni's limit in the simulator, and the
 * operator's {@code --rate-limit}); the simulator's schedule calls answer at once after a create
 * ({@code scheduleNotReadyFor} zero: the 404 window is not what this measures).
 *
 * <p>The floor of calls is {@code 3N + 1}: N creates, 2N schedule creates (a connection this
 * operator just created has no schedules, so nothing needs reading) and the one list the first
 * create decides on. The poller's further lists (one per poll interval, or one per window while the
 * window is full) are counted as calls made, not as floor: how many there are depends on the
 * operator's own pacing. The time floor is what the budget needs to grant the floor's calls at its
 * rate of R − 1 per 61 s.
 *
 * @param edits spec edits timed one at a time once converged
 */
record SchedulesScenario(
    String label,
    int n,
    int rate,
    boolean childJvm,
    Duration pollInterval,
    int threads,
    int edits,
    String maxHeap,
    Path jar,
    Path workDir,
    long seed) {

  /** The budget's window: R − 1 requests in any 61 s (RequestBudget.WINDOW). */
  static final Duration WINDOW = Duration.ofSeconds(61);

  /** The bound of the issue: 1.1 × the floor. */
  static final double BOUND = 1.1;

  SchedulesScenario {
    if (n < 1 || rate < 2) {
      throw new IllegalArgumentException("need N >= 1 and R >= 2, not N=" + n + " R=" + rate);
    }
  }

  /** The lists in the floor: the one the first create decides on. */
  long floorLists() {
    return 1;
  }

  /** The floor of calls: 3N + {@link #floorLists()}. */
  long floorCalls() {
    return 3L * n + floorLists();
  }

  /** The time floor: the floor of calls at the budget's rate, R − 1 per 61 s. */
  Duration floor() {
    return budgetTime(floorCalls());
  }

  /** 1.1 × the floor. */
  Duration bound() {
    return Duration.ofMillis(Math.round(floor().toMillis() * BOUND));
  }

  /**
   * The earliest moment the budget's sliding window can grant the last of the floor's calls, the
   * first R − 1 going at once: below {@link #floor()} by up to one window (zero when they all fit
   * in the first window).
   */
  Duration windowFloor() {
    return WINDOW.multipliedBy((floorCalls() - 1) / (rate - 1));
  }

  /** The requests a periodic check leaves free: a tenth of the key's minute (OperatorParts). */
  int reserve() {
    return Math.max(1, rate / 10);
  }

  /**
   * Schedule reads per poll interval that spare budget allows in steady state: every connection
   * once, or what the window holds beyond the reserve, less the interval's list.
   */
  double spareReadsPerInterval() {
    double spare =
        (rate - 1 - reserve()) * pollInterval.toMillis() / (double) WINDOW.toMillis() - 1;
    return Math.min(n, spare);
  }

  private Duration budgetTime(long calls) {
    return Duration.ofMillis(Math.round(calls * WINDOW.toMillis() / (double) (rate - 1)));
  }

  /**
   * Reads {@code N[:R]} (bench/run.sh's {@code --schedules}); R defaults to 60, Omni's limit. The
   * poll interval is 15 s at Omni's limits and 10 s above, as in the other runs.
   */
  static SchedulesScenario parse(String spec, String heap, Path jar, Path workDir, long seed) {
    String[] p = spec.trim().split(":");
    int n = Integer.parseInt(p[0]);
    int r = p.length > 1 ? Integer.parseInt(p[1]) : 60;
    boolean inProcess = p.length > 2 && p[2].equals("inprocess");
    Duration poll = r <= 120 ? Duration.ofSeconds(15) : Duration.ofSeconds(10);
    int threads = r <= 120 ? 10 : 20;
    int edits = r <= 120 ? 5 : 20;
    return new SchedulesScenario(
        "schedules " + n + "@" + r,
        n,
        r,
        !inProcess,
        poll,
        threads,
        edits,
        heap,
        jar,
        workDir,
        seed);
  }
}
