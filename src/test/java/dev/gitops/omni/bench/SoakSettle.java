package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.operator.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After the storm: every remaining resource Ready and equal to Omni, deleted ones gone; then the
 * invariants checked, Omni's calls attributed, the steady state measured and the output scanned for
 * secrets.
 */
final class SoakSettle {
  private SoakSettle() {}

  static SoakResult settle(
      Soak.Scenario s,
      Rig rig,
      OperatorUnderTest op,
      SoakChaos chaos,
      SoakStorm storm,
      int restarts) {
    Set<String> deleted = chaos.deleted;
    Instant quiet = Instant.now();
    // a resource the storm's 429 bursts hit again and again may wait out its backoff, capped at
    // Omni's minute (the budget's window), before its next try
    Duration bound =
        Duration.ofSeconds(60)
            .plus(RequestBudget.WINDOW)
            .plusMillis(s.n() * 60_000L / s.operatorRate() * 2);
    Polling.waitFor(
        () -> {
          var all = rig.cached();
          return all.size() == s.n() - deleted.size() && InvariantCheck.of(rig, all).ok();
        },
        bound,
        Duration.ofMillis(500));
    Duration settle = Duration.between(quiet, Instant.now());
    List<OmniConnection> remaining = rig.cached();
    InvariantCheck check = InvariantCheck.of(rig, remaining);
    Set<String> present =
        remaining.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
    int gone = (int) deleted.stream().filter(d -> !present.contains(d)).count();
    Set<String> deletedWithDelete = new HashSet<>();
    for (String d : deleted) {
      if (Integer.parseInt(d.substring(d.indexOf('-') + 1)) % 2 == 0) {
        deletedWithDelete.add(d);
      }
    }
    int leaked =
        (int)
            rig.sim.connections().stream()
                .filter(c -> !c.archived() && deletedWithDelete.contains(c.name()))
                .count();
    // the whole run's journal: the storm and the settle (the steady state is measured after)
    CallAttribution per = CallAttribution.of(rig.sim, rig.sim.journal(), chaos.changes);
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String route : BenchRun.ROUTES) {
      calls.put(route, rig.sim.count(route));
    }

    // --- steady state after the storm, once the storm's requests have left the budget's 61 s
    // window: until then the window (cut by a quarter or two by the storm's 429s) can still
    // be full and hold the poller's list back, which is the storm's tail, not steady state
    Duration sinceQuiet = Duration.between(quiet, Instant.now());
    Duration window = RequestBudget.WINDOW;
    if (sinceQuiet.compareTo(window) < 0) {
      Polling.sleep(window.minus(sinceQuiet));
    }
    Steady steady = Steady.measure(rig, s.pollInterval());
    int leaks =
        LeakScan.count(op.capturedOutput() + LeakScan.kubernetesText(rig.k8s), rig.secretsToHide());
    return new SoakResult(
        s,
        check,
        remaining.size(),
        deleted.size(),
        (int) chaos.deletedPending.get(),
        gone,
        leaked,
        calls,
        storm,
        per,
        steady.lists(),
        steady.other(),
        steady.intervals(),
        restarts,
        settle,
        leaks);
  }
}
