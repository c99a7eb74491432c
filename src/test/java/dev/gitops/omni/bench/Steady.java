package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Omni calls in steady state: after a settling interval, every call over four whole poll intervals.
 * "One list per interval" holds when nothing but lists was called and the number of lists is the
 * number of intervals, give or take the one a window edge can cut.
 */
record Steady(long lists, long other, double intervals) {

  static Steady measure(Rig rig, Duration pollInterval) {
    Polling.sleep(pollInterval.plusMillis(500));
    Instant from = Instant.now();
    rig.sim.clearJournal();
    Polling.sleep(pollInterval.multipliedBy(4));
    List<JournalEntry> calls = rig.sim.journal();
    double intervals =
        Duration.between(from, Instant.now()).toMillis() / (double) pollInterval.toMillis();
    long lists = calls.stream().filter(j -> "list".equals(j.route())).count();
    return new Steady(lists, calls.size() - lists, intervals);
  }

  static boolean onePerInterval(long lists, long other, double intervals) {
    return other == 0 && Math.abs(lists - intervals) <= 1.0;
  }
}
