package dev.gitops.omni.bench;

import static dev.gitops.omni.bench.SchedulesReport.perInterval;
import static dev.gitops.omni.bench.SchedulesReport.ratio;
import static dev.gitops.omni.bench.SchedulesReport.row;

import java.util.List;
import java.util.Locale;

/** The table of {@link SchedulesReport}: one row per measure, one column per run. */
final class SchedulesTable {
  private SchedulesTable() {}

  static String table(List<SchedulesResult> results) {
    StringBuilder b = new StringBuilder("| measure |");
    results.forEach(r -> b.append(' ').append(r.s().label()).append(" |"));
    b.append("\n|---|");
    results.forEach(r -> b.append("---|"));
    b.append('\n');
    row(b, results, "operator", SchedulesResult::operator);
    row(b, results, "N connections, two schedules each", r -> "" + r.s().n());
    row(b, results, "R: Omni's limit = the operator's --rate-limit", r -> r.s().rate() + "/min");
    row(
        b,
        results,
        "poll interval / reconcile threads",
        r -> Report.seconds(r.s().pollInterval()) + " / " + r.s().threads());
    row(b, results, "simulator's schedule 404 window after a create", r -> "0 (off)");
    row(
        b,
        results,
        "(a) every connection Ready with its schedules in Omni: from the operator's start / from"
            + " its first Omni call",
        r ->
            r.converged()
                ? Report.seconds(r.convergence()) + " / " + Report.seconds(r.sinceFirstCall())
                : r.unsettled() + " unsettled after " + Report.seconds(r.waited()));
    row(
        b,
        results,
        "floor of calls 3N + 1 (creates, schedule creates, the list the first create needs)",
        r -> "" + r.s().floorCalls());
    row(
        b,
        results,
        "time floor: floor of calls × 61 s / (R − 1); bound 1.1 ×",
        r -> Report.seconds(r.s().floor()) + "; " + Report.seconds(r.s().bound()));
    row(
        b,
        results,
        "ratio to the floor, from the first Omni call (bound 1.1)",
        r -> ratio(r.ratio(), SchedulesScenario.BOUND));
    row(
        b,
        results,
        "ratio to the floor, from the operator's start",
        r -> String.format(Locale.ROOT, "%.3f", r.ratioFromStart()));
    row(
        b,
        results,
        "the sliding window's floor (R − 1 at once, then per 61 s) and the ratio to it",
        r ->
            Report.seconds(r.s().windowFloor())
                + (Double.isNaN(r.ratioToWindowFloor())
                    ? " (all fit in the first window)"
                    : String.format(Locale.ROOT, " (%.3f)", r.ratioToWindowFloor())));
    for (String route : SchedulesCalls.ROUTES) {
      row(b, results, "(b) Omni calls to converge: " + route, r -> "" + r.calls().get(route));
    }
    row(
        b,
        results,
        "(b) schedule reads of a connection before its first schedule create (none needed)",
        r -> "" + r.readsBeforeCreate());
    row(
        b,
        results,
        "(b) calls to converge ÷ floor of calls",
        r ->
            r.totalCalls()
                + " ÷ "
                + r.s().floorCalls()
                + " = "
                + String.format(Locale.ROOT, "**%.3f**", r.callRatio()));
    row(
        b,
        results,
        "(c) schedule edit → the simulator's answer to its write: p50 / worst (edits, missed)",
        r ->
            !r.converged()
                ? "— (not converged: not timed)"
                : Report.seconds(r.edits().median())
                    + " / "
                    + Report.seconds(r.edits().worst())
                    + " ("
                    + r.edits().times().size()
                    + ", "
                    + r.edits().missed()
                    + ")");
    row(
        b,
        results,
        "(c) the slowest edit: → its reconcile's first Omni call (the schedule read) / → the write",
        r ->
            Report.seconds(r.edits().slowestStart())
                + " / "
                + Report.seconds(r.edits().worst())
                + "; meanwhile "
                + SchedulesReport.meanwhile(r.edits().slowestMeanwhile()));
    row(
        b,
        results,
        "(c) longest wait for room before an edit",
        r -> Report.seconds(r.edits().roomWait()));
    row(
        b,
        results,
        "(d) steady state, per poll interval: lists / schedule reads / other calls",
        r ->
            perInterval(r.perInterval("list"))
                + " / "
                + perInterval(r.perInterval("schedule-list"))
                + " / "
                + perInterval(r.steadyOther() / r.intervals()));
    row(
        b,
        results,
        "(d) schedule reads spare budget allows per interval: min(N, (R − 1 − R/10) × p / 61 s − 1)",
        r -> String.format(Locale.ROOT, "%.1f", r.s().spareReadsPerInterval()));
    row(
        b,
        results,
        "(d) most requests in the 61 s up to a periodic schedule read (the reserve leaves R − 1 −"
            + " R/10)",
        r -> r.mostBeforeRead() + " (" + (r.s().rate() - 1 - r.s().reserve()) + ")");
    row(b, results, "(e) 429 answers, whole run", r -> "" + r.c429());
    row(
        b,
        results,
        "(e) most requests the journal shows in any 60 s (Omni's window; its limit is R)",
        r -> "" + r.most60());
    row(b, results, "secret values in captured output", r -> "" + r.leaks());
    return b.toString();
  }
}
