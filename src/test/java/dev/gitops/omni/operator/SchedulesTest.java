package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.RefreshScheduleSpec;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.ScheduleSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema-refresh schedules end to end (issue 13), on the mock API server and the simulator, whose
 * schedules answer 404 for 2 s after a connection's create as Omni's do: a new connection gets its
 * schedules, a spec edit changes them in place, drift in Omni is repaired at the next check, and
 * removing a schedule from the list deletes it.
 */
class SchedulesTest {
  static final String NINE = "0 9 ? * MON-FRI *";
  static final String SIX = "0 6 * * ? *";

  Harness h;

  @BeforeEach
  void start() {
    h = Harness.startedWithPostgresSecret();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private List<String> omniSchedules(String connectionId) {
    return h.sim.schedules(Organisations.DEFAULT, connectionId).stream()
        .map(s -> s.schedule() + "@" + s.timezone())
        .sorted()
        .toList();
  }

  @Test
  void schedulesFollowTheSpecAndDriftIsRepaired() {
    OmniConnection r = Harness.postgres("sales");
    r.getMetadata().setAnnotations(Map.of(OmniConnection.POLL_INTERVAL_ANNOTATION, "2s"));
    r.getSpec().schemaRefreshSchedules =
        List.of(
            new RefreshScheduleSpec(NINE, "UTC"), new RefreshScheduleSpec(SIX, "Europe/Berlin"));
    h.apply(r);
    String id = h.awaitReady("sales").getStatus().connectionId;
    await("schedules created once Omni knows the connection")
        .atMost(Duration.ofSeconds(20))
        .until(() -> omniSchedules(id).size() == 2);
    assertThat(omniSchedules(id)).containsExactly(SIX + "@Europe/Berlin", NINE + "@UTC");
    await("status in sync")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var s = h.get("sales").getStatus().schemaRefreshSchedules;
              return s != null && Boolean.TRUE.equals(s.inSync) && s.ids.size() == 2;
            });

    // an edit: one changed in place, nothing recreated
    long creates = h.sim.count("schedule-create");
    h.edit(
        "sales",
        x ->
            x.getSpec().schemaRefreshSchedules =
                List.of(new RefreshScheduleSpec(NINE, "UTC"), new RefreshScheduleSpec(SIX, "UTC")));
    await("edit applied")
        .atMost(Duration.ofSeconds(10))
        .until(() -> omniSchedules(id).equals(List.of(SIX + "@UTC", NINE + "@UTC")));
    assertThat(h.sim.count("schedule-create")).isEqualTo(creates);
    assertThat(h.sim.count("schedule-update")).isEqualTo(1);

    // drift: one deleted in Omni's UI, another added; repaired at the next check
    var org = h.sim.organisation(Organisations.DEFAULT);
    ScheduleSnapshot first = org.schedules(id).get(0);
    org.removeSchedule(first.scheduleId());
    org.seedSchedule(id, "0 0 1 * ? *", "Asia/Tokyo");
    await("drift repaired")
        .atMost(Duration.ofSeconds(15))
        .until(() -> omniSchedules(id).equals(List.of(SIX + "@UTC", NINE + "@UTC")));

    // an empty list empties Omni
    // (a whole update, as kubectl apply sends it: the mock's JSON patch drops an emptied list)
    await("emptied")
        .atMost(Duration.ofSeconds(10))
        .ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
        .until(
            () -> {
              OmniConnection emptied = h.get("sales");
              emptied.getSpec().schemaRefreshSchedules = List.of();
              return h.k8s.resource(emptied).update() != null;
            });
    await("schedules removed")
        .atMost(Duration.ofSeconds(10))
        .until(() -> omniSchedules(id).isEmpty());
    assertThat(h.calls("create")).as("one connection created").hasSize(1);
  }

  @Test
  void withoutTheFieldTheOperatorNeverReadsSchedules() {
    h.apply(Harness.postgres("plain"));
    h.awaitReady("plain");
    assertThat(h.sim.count("schedule-list")).isZero();
  }
}
