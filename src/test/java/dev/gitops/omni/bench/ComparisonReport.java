package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import java.util.List;
import java.util.Locale;

/**
 * The naive poller against the operator: calls to converge and in steady state, per N and budget.
 */
final class ComparisonReport {
  private ComparisonReport() {}

  /** Naive against shared, for each pair of runs with the same N and budget. */
  static String ratios(List<BenchResult> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| N @ R | calls to converge: shared / naive | steady calls per interval: shared / naive"
            + " | naive ÷ shared (steady) |\n|---|---|---|---|\n");
    for (BenchResult s : results) {
      if (s.scenario().strategy() != Strategy.SHARED_LIST) {
        continue;
      }
      for (BenchResult n : results) {
        if (n.scenario().strategy() == Strategy.NAIVE
            && n.scenario().n() == s.scenario().n()
            && n.scenario().operatorRate() == s.scenario().operatorRate()) {
          double sharedSteady = s.steadyListsPerInterval() + s.steadyOtherCallsPerInterval();
          double naiveSteady = n.steadyListsPerInterval() + n.steadyOtherCallsPerInterval();
          b.append(
              String.format(
                  Locale.ROOT,
                  "| %d @ %d/min | %s / %s | %.2f / %.2f%s | %.0f× |%n",
                  s.scenario().n(),
                  s.scenario().operatorRate(),
                  callsToConverge(s),
                  callsToConverge(n),
                  sharedSteady,
                  naiveSteady,
                  s.converged() && n.converged()
                      ? ""
                      : " (not converged: measured on what was there)",
                  naiveSteady / Math.max(sharedSteady, 1e-9)));
        }
      }
    }
    return b.toString();
  }

  private static String callsToConverge(BenchResult r) {
    return r.converged()
        ? r.totalCalls() + " in " + Report.seconds(r.convergence())
        : r.totalCalls() + " with only " + Report.readyAfter(r);
  }
}
