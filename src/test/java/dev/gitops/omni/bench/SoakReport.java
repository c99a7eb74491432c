package dev.gitops.omni.bench;

import java.util.List;
import java.util.Locale;

/** The fault soak's table: the storm, what it reached, the invariants after it. */
final class SoakReport {
  private SoakReport() {}

  static String soak(SoakResult r) {
    var s = r.scenario();
    var storm = r.storm();
    StringBuilder b = new StringBuilder();
    b.append("| soak measure | value |\n|---|---|\n");
    List<String> invalid = r.invalidity();
    b.append("| run validity (the storm reached the operator) | ")
        .append(invalid.isEmpty() ? "valid" : "**INVALID**: " + String.join("; ", invalid))
        .append(" |\n");
    b.append("| operator | ")
        .append(s.childJvm() ? "real operator, child JVM" : "real operator, in-process")
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| N / Omni limit / operator budget | %d / %d / %d per min |%n",
            s.n(),
            s.simRate(),
            s.operatorRate()));
    b.append(
        String.format(
            Locale.ROOT,
            "| faults | 10 %% dropped create responses, 10 %% 500/503, a 429 burst of 3 every 2 s,"
                + " latency 80 ms + 0–40 ms jitter + 3 %% spikes of 1.5 s; label writer every 15 ms"
                + " (409s on the operator's writes), baseRole edits every %d ms, Secret rotations"
                + " every %d ms (every other one on a Ready resource), resources deleted mid-create"
                + " |%n",
            Soak.editEvery(s).toMillis(),
            Soak.rotateEvery(s).toMillis()));
    b.append(
        String.format(
            Locale.ROOT,
            "| operator start → first Omni call (the storm starts there) | %s |%n",
            Report.seconds(storm.firstCall())));
    b.append(
        String.format(
            Locale.ROOT,
            "| storm (at least %s, and until the last instance has stored its share) /"
                + " restarts (kill -9 and clean stop alternately) | %s / %d |%n",
            Report.seconds(s.chaos()),
            Report.seconds(storm.duration()),
            r.restarts()));
    b.append("| connections stored by each operator instance during the storm | ")
        .append(storm.createsPerInstance())
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| faults Omni answered during the storm, of all its requests: 500/503 / 429 / dropped"
                + " create responses (429 slots never asked for, cancelled) | %d / %d / %d of"
                + " %d (%d) |%n",
            storm.status5xx(),
            storm.status429(),
            storm.droppedCreates(),
            storm.requests(),
            storm.burstUnserved()));
    b.append("| PATCH answers during the storm, by status | ")
        .append(storm.patchesByStatus())
        .append(" |\n");
    b.append("| Omni calls by route (storm and settle) | ").append(r.callsByRoute()).append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| label touches / spec edits (on Ready resources) / rotations (on Ready resources)"
                + " during the storm | %d / %d (%d) / %d (%d) |%n",
            storm.labelTouches(),
            storm.specEdits(),
            storm.editsOnReady(),
            storm.rotations(),
            storm.rotationsOnReady()));
    b.append(
        String.format(
            Locale.ROOT,
            "| resources deleted mid-create (create pending) / gone / live connections left by"
                + " Delete-policy ones | %d (%d) / %d / %d |%n",
            r.deletedRequested(),
            r.deletedPending(),
            r.deletedGone(),
            r.leakedOfDeleted()));
    b.append("| time to settle after the faults stopped | ")
        .append(Report.seconds(r.settle()))
        .append(" |\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| remaining resources Ready | %d / %d |%n",
            r.check().ready(),
            r.check().resources()));
    b.append("| duplicate connections (live, same name) | ")
        .append(r.check().duplicateNames())
        .append(" |\n");
    b.append("| lost updates (spec ≠ Omni: name, dialect, baseRole, database) | ")
        .append(r.check().lostUpdates())
        .append(" |\n");
    b.append("| stale credentials (Omni's password ≠ the Secret's) | ")
        .append(r.check().staleCredentials())
        .append(" |\n");
    var per = r.perResource();
    b.append(
        String.format(
            Locale.ROOT,
            "| Omni calls per resource (creates by name, whatever the answer; others by id): max"
                + " (%s) / mean; unattributable | %d / %.1f; %d |%n",
            per.maxResource(),
            per.max(),
            per.mean(),
            per.unattributed()));
    b.append(
        String.format(
            Locale.ROOT,
            "| calls beyond one create and one per edit or rotation: max (%s), bound | %d, %d |%n",
            per.maxExtraResource(),
            per.maxExtra(),
            Soak.MAX_EXTRA_CALLS));
    b.append(
        String.format(
            Locale.ROOT,
            "| steady state after the storm: list / other calls in %.2f poll intervals | %d / %d |%n",
            r.steadyIntervals(),
            r.steadyLists(),
            r.steadyOther()));
    b.append("| secret values in captured output | ").append(r.leaks()).append(" |\n");
    b.append("| invariant violations | ")
        .append(r.violations().isEmpty() ? "none" : String.join("; ", r.violations()))
        .append(" |\n");
    return b.toString();
  }
}
