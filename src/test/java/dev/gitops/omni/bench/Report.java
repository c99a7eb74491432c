package dev.gitops.omni.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the benchmark runs as a Markdown table, with the formatting the other reports share; the
 * comparison is {@link ComparisonReport}, the soak {@link SoakReport}, the targets {@link
 * TargetReport}.
 */
final class Report {
  private Report() {}

  static String seconds(Duration d) {
    return d == null ? "—" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }

  static String mib(long bytes) {
    return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  static String runs(List<BenchResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| measure |");
    results.forEach(r -> b.append(' ').append(r.scenario().label()).append(" |"));
    b.append("\n|---|");
    results.forEach(r -> b.append("---|"));
    b.append('\n');
    row(b, results, "operator", r -> r.notes());
    row(b, results, "N resources (each with its own Secret)", r -> "" + r.scenario().n());
    row(
        b,
        results,
        "Omni limit / operator budget (req/min)",
        r -> r.scenario().simRate() + " / " + r.scenario().operatorRate());
    row(
        b,
        results,
        "poll interval / reconcile threads",
        r -> seconds(r.scenario().pollInterval()) + " / " + r.scenario().threads());
    row(b, results, "time until every resource is Ready", Report::convergence);
    row(b, results, "floor N / R", r -> seconds(r.scenario().floor()));
    row(
        b,
        results,
        "ratio to the floor",
        r -> Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.3f", r.ratio()));
    for (String route : BenchRun.ROUTES) {
      row(b, results, "Omni calls to converge: " + route, r -> "" + r.callsByRoute().get(route));
    }
    row(
        b,
        results,
        "Omni calls to converge: total",
        r -> r.totalCalls() + (r.converged() ? "" : " (so far, " + readyAfter(r) + ")"));
    row(b, results, "429 answers", r -> "" + r.status429());
    row(
        b,
        results,
        "steady state: list calls per poll interval",
        r -> String.format(Locale.ROOT, "%.2f", r.steadyListsPerInterval()) + stillConverging(r));
    row(
        b,
        results,
        "steady state: other calls per poll interval",
        r ->
            String.format(Locale.ROOT, "%.2f", r.steadyOtherCallsPerInterval())
                + stillConverging(r));
    row(
        b,
        results,
        "spec edit → PATCH p50 / p99 (budget free)",
        r ->
            !r.converged()
                ? NOT_TIMED
                : seconds(PatchLatency.percentile(r.editLatencies(), 50))
                    + " / "
                    + seconds(PatchLatency.percentile(r.editLatencies(), 99))
                    + missed(r.editLatencies().size(), r.editsMissed()));
    row(
        b,
        results,
        "Secret rotation → PATCH p50 / p99",
        r ->
            !r.converged()
                ? NOT_TIMED
                : seconds(PatchLatency.percentile(r.rotationLatencies(), 50))
                    + " / "
                    + seconds(PatchLatency.percentile(r.rotationLatencies(), 99))
                    + missed(r.rotationLatencies().size(), r.rotationsMissed()));
    row(b, results, "operator heap after full GC", r -> mib(r.heapAfterGc()));
    row(b, results, "operator process RSS", r -> mib(r.rss()));
    row(b, results, "process start → first reconcile", r -> seconds(r.firstReconcile()));
    row(b, results, "process start → first Omni call", r -> seconds(r.firstOmniCall()));
    row(
        b,
        results,
        "final check: Ready / duplicates / lost updates",
        r ->
            r.check().ready()
                + "/"
                + r.check().resources()
                + " / "
                + r.check().duplicateNames()
                + " / "
                + r.check().lostUpdates());
    row(b, results, "secret values in captured output", r -> "" + r.leaks());
    return b.toString();
  }

  private static final String NOT_TIMED = "— (not converged: not timed)";

  /** The convergence time, or how far a run got when it did not converge within its limit. */
  static String convergence(BenchResult r) {
    return r.converged() ? seconds(r.convergence()) : readyAfter(r) + " (did not converge)";
  }

  /** "65/100 Ready after 170 s". */
  static String readyAfter(BenchResult r) {
    return String.format(
        Locale.ROOT,
        "%d/%d Ready after %d s",
        r.ready(),
        r.scenario().n(),
        r.waited() == null ? 0 : r.waited().toSeconds());
  }

  private static String stillConverging(BenchResult r) {
    return r.converged() ? "" : " (still converging)";
  }

  private static String missed(int got, int missed) {
    return missed == 0 ? " (n=" + got + ")" : " (n=" + got + ", " + missed + " never sent)";
  }

  private static void row(
      StringBuilder b, List<BenchResult> results, String name, Function<BenchResult, String> cell) {
    b.append("| ").append(name).append(" |");
    results.forEach(r -> b.append(' ').append(cell.apply(r)).append(" |"));
    b.append('\n');
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
