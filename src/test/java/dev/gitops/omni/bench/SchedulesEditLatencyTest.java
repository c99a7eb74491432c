package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A schedule edit right after a mass create, while the periodic schedule checks of the new
 * connections come due: the budget has room (its reserve, and the first window's spare), so the
 * edit must still reach Omni in under a second. N = 300 at 6 000/min with a 1 s poll interval (the
 * shortest the operator allows at that rate) makes 300 checks due per second, as N = 1 000 with 10
 * s does for a few seconds after the bench's convergence, in a run of about 20 s.
 */
class SchedulesEditLatencyTest {
  @Test
  void aScheduleEditIsNotQueuedBehindPeriodicScheduleChecks() {
    var s =
        new SchedulesScenario(
            "schedules 300@6000, 1 s",
            300,
            6000,
            false,
            Duration.ofSeconds(1),
            10,
            3,
            null,
            Path.of("target", "omni-operator.jar"),
            Path.of("target", "bench"),
            15L);
    try (SchedulesWorld w = new SchedulesWorld(s)) {
      Settings settings = w.ready(null);
      try (var op = new InProcessOperator(settings, w.rig.k8s)) {
        op.start();
        assertThat(Polling.waitFor(() -> w.unsettled() == 0, s.bound(), Duration.ofMillis(100)))
            .as("converged within %s", s.bound())
            .isTrue();
        SchedulesEdits edits = SchedulesEdits.measure(w);
        System.out.printf(
            "[%s] edits %s; starts %s; meanwhile %s%n",
            s.label(), edits.times(), edits.starts(), edits.meanwhile());

        assertThat(edits.missed()).isZero();
        assertThat(edits.worst())
            .as(
                "slowest edit (%s before its reconcile's first Omni call; meanwhile %s), longest"
                    + " wait for room %s",
                edits.slowestStart(), edits.slowestMeanwhile(), edits.roomWait())
            .isLessThan(Duration.ofSeconds(1));
      }
    }
  }
}
