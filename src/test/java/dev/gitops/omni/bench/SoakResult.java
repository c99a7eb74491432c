package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the fault soak measured, the invariants it asserts and why a run may prove nothing. */
record SoakResult(
    Soak.Scenario scenario,
    InvariantCheck check,
    int remaining,
    int deletedRequested,
    int deletedPending,
    int deletedGone,
    int leakedOfDeleted,
    Map<String, Long> callsByRoute,
    SoakStorm storm,
    CallAttribution perResource,
    long steadyLists,
    long steadyOther,
    double steadyIntervals,
    int restarts,
    Duration settle,
    int leaks) {

  /** The invariants the soak asserts; empty when they all hold. */
  List<String> violations() {
    List<String> v = new ArrayList<>();
    if (check.duplicateNames() > 0) {
      v.add(check.duplicateNames() + " duplicate connection names");
    }
    if (check.ready() != check.resources()) {
      v.add((check.resources() - check.ready()) + " resources not Ready");
    }
    if (check.lostUpdates() > 0) {
      v.add(check.lostUpdates() + " specs differ from Omni (lost updates)");
    }
    if (check.staleCredentials() > 0) {
      v.add(check.staleCredentials() + " connections with stale credentials");
    }
    if (check.sharedIds() > 0) {
      v.add(check.sharedIds() + " connections claimed by two resources");
    }
    if (deletedGone != deletedRequested) {
      v.add((deletedRequested - deletedGone) + " deleted resources still present");
    }
    if (leakedOfDeleted > 0) {
      v.add(leakedOfDeleted + " live connections left by deleted deletionPolicy-Delete resources");
    }
    if (perResource.maxExtra() > Soak.MAX_EXTRA_CALLS) {
      v.add(
          String.format(
              "%s: %d Omni calls beyond one create and one per change (bound %d)",
              perResource.maxExtraResource(), perResource.maxExtra(), Soak.MAX_EXTRA_CALLS));
    }
    if (!Steady.onePerInterval(steadyLists, steadyOther, steadyIntervals)) {
      v.add(
          String.format(
              "steady state: %d lists and %d other calls in %.2f poll intervals",
              steadyLists, steadyOther, steadyIntervals));
    }
    if (leaks > 0) {
      v.add(leaks + " secret values found in captured output");
    }
    v.addAll(check.examples().stream().map(e -> "  e.g. " + e).toList());
    return v;
  }

  /**
   * Why the run proves nothing, when it does not: the storm has to have reached the operator. Empty
   * for a valid run. A run with invariants intact but no injected fault is not a pass.
   */
  List<String> invalidity() {
    List<String> v = new ArrayList<>();
    if (storm.status5xx() == 0) {
      v.add("no 500/503 answered during the storm");
    }
    if (storm.droppedCreates() == 0) {
      v.add("no create response dropped during the storm");
    }
    if (storm.status429() == 0) {
      v.add("no 429 answered during the storm");
    }
    if (restarts < scenario.restarts()) {
      v.add(restarts + " of " + scenario.restarts() + " restarts made");
    }
    // the last instance is not interrupted: it may find nothing left to create
    for (int k = 0; k < storm.createsPerInstance().size() - 1; k++) {
      if (storm.createsPerInstance().get(k) == 0) {
        v.add(
            "operator instance "
                + (k + 1)
                + " stored no connection before it was replaced (the restart interrupted no"
                + " work)");
      }
    }
    if (storm.editsOnReady() == 0 || storm.rotationsOnReady() == 0) {
      v.add("no spec edit or no Secret rotation on a Ready resource during the storm");
    }
    if (storm.patchesByStatus().getOrDefault(200, 0L) == 0) {
      v.add("no PATCH answered during the storm");
    }
    return v;
  }

  boolean passed() {
    return violations().isEmpty() && invalidity().isEmpty();
  }
}
