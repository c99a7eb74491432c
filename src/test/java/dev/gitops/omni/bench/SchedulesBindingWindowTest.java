package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules at Omni's real 60/min, where the budget's window binds: N = 25 connections with two
 * schedules each need 75 calls and a few lists, more than the first window's 59, so the rest wait
 * for the second window, 61 s on. Correct, the run converges shortly after that (the floor is about
 * 79 s at the budget's rate); this waits for 1.1 × the floor plus {@link
 * SchedulesGuardTest#START_UP} and fails if any connection is then not Ready with its schedules.
 *
 * <p>It takes 65–100 s, so it is not part of {@link SchedulesGuardTest}, whose R = 600 fits every
 * call in the first window and cannot show what happens once calls queue for the window.
 */
class SchedulesBindingWindowTest {
  @Test
  void schedulesOfConnectionsCreatedPastTheFirstWindowAreCreated() {
    var s =
        new SchedulesScenario(
            "schedules 25@60",
            25,
            60,
            false,
            Duration.ofSeconds(15),
            10,
            0,
            null,
            Path.of("target", "omni-operator.jar"),
            Path.of("target", "bench"),
            14L);
    try (SchedulesWorld w = new SchedulesWorld(s)) {
      Settings settings = w.ready(null);
      try (var op = new InProcessOperator(settings, w.rig.k8s)) {
        Instant t0 = Instant.now();
        op.start();
        Duration limit = s.bound().plus(SchedulesGuardTest.START_UP);
        boolean settled = Polling.waitFor(() -> w.unsettled() == 0, limit, Duration.ofMillis(100));
        Map<String, Long> calls =
            new SchedulesCalls(w.rig.sim.journal()).byRoute(t0, Instant.now());
        System.out.printf(
            "[%s] settled %s within %s: calls %s%n", s.label(), settled, limit, calls);
        assertThat(w.unsettled())
            .as(
                "connections not Ready with their schedules %s after the start (1.1 × floor %s +"
                    + " %s); Omni calls %s; the calls of one of them, %s",
                limit, s.floor(), SchedulesGuardTest.START_UP, calls, trace(w, t0))
            .isZero();
        assertThat(calls.get("schedule-create")).isEqualTo(2L * s.n());
      }
    }
  }

  /** The Omni calls of the first connection without its schedules, with their times, or "". */
  private static String trace(SchedulesWorld w, Instant t0) {
    for (var r : w.rig.cached()) {
      String id = r.getStatus() == null ? null : r.getStatus().connectionId;
      if (id != null && !w.settled(r, id)) {
        StringBuilder b = new StringBuilder(r.getMetadata().getName() + ":");
        w.rig.sim.journal().stream()
            .filter(j -> id.equals(j.connectionId()))
            .forEach(
                j ->
                    b.append(
                        String.format(
                            " %s %d at %.1f s,",
                            j.route(),
                            j.status(),
                            Duration.between(t0, j.timestamp()).toMillis() / 1000.0)));
        return b.toString();
      }
    }
    return "";
  }
}
