package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What one run on a real kube-apiserver measured. Durations are from the operator process's start
 * and null when not reached; {@code allReady} is null when not every resource became Ready within
 * the run's bound ({@code ready} of {@code n} after {@code waited}); {@code memory} is null when
 * the operator was no longer running.
 */
record RealApiResult(
    int n,
    Duration populate,
    String loadBefore,
    String loadAfter,
    Duration firstReconcile,
    Duration firstOmniCall,
    Duration allReady,
    int ready,
    Duration waited,
    RealApiAudit converge,
    RealApiAudit steady,
    double steadyIntervals,
    Map<String, Long> omniConverge,
    Map<String, Long> omniSteady,
    JvmMemory memory,
    int leaks,
    String cpu,
    Duration lastWrite) {
  String allReadyCell() {
    return allReady != null
        ? Report.seconds(allReady)
        : ready + "/" + n + " Ready after " + Report.seconds(waited) + " (did not converge)";
  }

  /** Omni calls until the steady state: list / create / other. */
  String omniCell() {
    long list = omniConverge.get("list");
    long create = omniConverge.get("create");
    return list + " / " + create + " / " + (sum(omniConverge) - list - create);
  }

  /** Writes per created connection, and in all. */
  String perConnection(long writes) {
    return String.format(Locale.ROOT, "%.2f (%d)", writes / (double) n, writes);
  }

  String perInterval(long count) {
    return String.format(Locale.ROOT, "%.2f", count / steadyIntervals);
  }

  String steadyApiCell() {
    return perInterval(steady.verb("list")) + " / " + perInterval(steady.verb("watch"));
  }

  String steadyOtherApiCell() {
    return perInterval(steady.total() - steady.verb("list") - steady.verb("watch"));
  }

  String steadyOmniCell() {
    long list = omniSteady.get("list");
    return perInterval(list) + " / " + perInterval(sum(omniSteady) - list);
  }

  String memoryCell() {
    return memory == null
        ? "—"
        : Report.mib(memory.heapAfterGcBytes()) + " / " + Report.mib(memory.rssBytes());
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
