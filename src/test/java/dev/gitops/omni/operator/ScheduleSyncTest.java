package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.RefreshScheduleSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A managed connection's schedules made equal to the spec, over an in-memory Omni (no HTTP). */
class ScheduleSyncTest {
  static final String NINE = "0 9 ? * MON-FRI *";
  static final String SIX = "0 6 * * ? *";
  static final Duration INTERVAL = Duration.ofMinutes(5);

  final ConnectionCacheTest.TestClock clock = new ConnectionCacheTest.TestClock();
  final RecordingEvents events = new RecordingEvents();
  boolean spare = true;
  final ScheduleSync sync = new ScheduleSync(events, clock, whenSpare(), id -> false);
  final TestingNeighbours omni = new TestingNeighbours();
  final OmniConnectionStatus status = new OmniConnectionStatus();

  /** Admits whenever {@link #spare}, without pacing. */
  CheckAdmission whenSpare() {
    return key -> spare ? null : ScheduleSync.NO_SPARE_WAIT;
  }

  private OmniConnection resource(long generation, RefreshScheduleSpec... schedules) {
    OmniConnection r = OperatorUnits.postgres("sales");
    r.getMetadata().setGeneration(generation);
    r.getSpec().schemaRefreshSchedules = schedules == null ? null : List.of(schedules);
    return r;
  }

  private Duration run(OmniConnection r) {
    return sync.sync(r, "c1", status, omni, INTERVAL);
  }

  @Test
  void aNewConnectionGetsItsSchedulesInTheSameReconcile() {
    Duration next =
        run(resource(1, new RefreshScheduleSpec(NINE, "UTC"), new RefreshScheduleSpec(SIX, "UTC")));

    assertThat(omni.schedules.get("c1")).extracting(s -> s.schedule()).containsExactly(NINE, SIX);
    assertThat(status.schemaRefreshSchedules.inSync).isTrue();
    assertThat(status.schemaRefreshSchedules.ids).hasSize(2);
    assertThat(status.schemaRefreshSchedules.observedGeneration).isEqualTo(1L);
    assertThat(status.schemaRefreshSchedules.message).isEqualTo("2 schedules match (create 2)");
    assertThat(next).isEqualTo(INTERVAL);
    assertThat(events.reasons()).containsExactly(Reason.SCHEDULES_UPDATED);
  }

  @Test
  void inSyncAndNotDueSendsNothingAndComesBackWhenDue() {
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    run(r);
    int calls = omni.calls.size();
    clock.now = clock.now.plusSeconds(60);

    Duration next = run(r);

    assertThat(omni.calls).hasSize(calls);
    assertThat(next).isEqualTo(INTERVAL.minusSeconds(60));
  }

  @Test
  void aPeriodicCheckWaitsForSpareBudgetButASpecChangeDoesNot() {
    run(resource(1, new RefreshScheduleSpec(NINE, "UTC")));
    clock.now = clock.now.plus(INTERVAL);
    spare = false;
    int calls = omni.calls.size();

    assertThat(run(resource(1, new RefreshScheduleSpec(NINE, "UTC"))))
        .isEqualTo(ScheduleSync.NO_SPARE_WAIT);
    assertThat(omni.calls).as("no spare request: the check waits").hasSize(calls);

    run(resource(2, new RefreshScheduleSpec(SIX, "UTC")));
    assertThat(omni.schedules.get("c1")).extracting(s -> s.schedule()).containsExactly(SIX);
    assertThat(omni.count("schedule-update")).as("one PUT, not a DELETE and a POST").isEqualTo(1);
  }

  @Test
  void aPeriodicCheckAsksForItsSlotAndSaysWhenItIsDone() {
    List<String> asked = new java.util.ArrayList<>();
    List<String> took = new java.util.ArrayList<>();
    Duration[] answer = {Duration.ofMillis(300)};
    ScheduleSync paced =
        new ScheduleSync(
            events,
            clock,
            new CheckAdmission() {
              @Override
              public Duration admit(String key) {
                asked.add(key);
                return answer[0];
              }

              @Override
              public void done(String key) {
                took.add(key);
              }
            },
            id -> false);
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    paced.sync(r, "c1", status, omni, INTERVAL);
    assertThat(asked).as("a spec change does not ask").isEmpty();
    assertThat(took).isEmpty();
    clock.now = clock.now.plus(INTERVAL);
    int calls = omni.calls.size();

    assertThat(paced.sync(r, "c1", status, omni, INTERVAL)).isEqualTo(Duration.ofMillis(300));
    assertThat(asked).containsExactly("schedules/" + PlanInputCollector.key(r));
    assertThat(omni.calls).as("its slot lies ahead: no call").hasSize(calls);

    answer[0] = null;
    assertThat(paced.sync(r, "c1", status, omni, INTERVAL)).isEqualTo(INTERVAL);
    assertThat(omni.calls).as("admitted: the check reads, and all matches").hasSize(calls + 1);
    assertThat(took).containsExactly("schedules/" + PlanInputCollector.key(r));
  }

  @Test
  void driftInOmniIsRepairedAtTheNextCheck() {
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    run(r);
    omni.schedules.get("c1").clear(); // deleted in Omni's UI
    omni.seed("c1", SIX, "Asia/Tokyo"); // and another one added
    clock.now = clock.now.plus(INTERVAL);

    run(r);

    assertThat(omni.schedules.get("c1"))
        .extracting(s -> s.schedule() + "@" + s.timezone())
        .containsExactly(NINE + "@UTC");
  }

  @Test
  void a404RightAfterTheCreateIsRetriedThenReported() {
    omni.notFoundFor = 100;
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    for (int i = 1; i < ScheduleFailures.NOT_FOUND_TRIES; i++) {
      assertThat(run(r)).isEqualTo(Duration.ofSeconds(1L << i));
      assertThat(status.schemaRefreshSchedules.message).contains("try " + i + " of");
    }
    assertThat(events.all()).isEmpty();

    assertThat(run(r)).isEqualTo(INTERVAL);
    assertThat(status.schemaRefreshSchedules.inSync).isFalse();
    assertThat(status.schemaRefreshSchedules.message).contains("schema model may not exist yet");
    assertThat(events.reasons()).containsExactly(Reason.SCHEDULES_FAILED);

    omni.notFoundFor = 0;
    clock.now = clock.now.plus(INTERVAL);
    run(r);
    assertThat(status.schemaRefreshSchedules.inSync).isTrue();
  }

  @Test
  void aRefusedScheduleIsReportedAndNotRetriedUntilTheInterval() {
    omni.failNext = new OmniApiException(OmniFailure.INVALID_REQUEST, 400, "bad cron");
    Duration next = run(resource(1, new RefreshScheduleSpec(NINE, "UTC")));

    assertThat(next).isEqualTo(INTERVAL);
    assertThat(status.schemaRefreshSchedules.inSync).isFalse();
    assertThat(status.schemaRefreshSchedules.message).startsWith("Omni HTTP 400: bad cron");
    assertThat(events.reasons()).containsExactly(Reason.SCHEDULES_FAILED);
  }

  @Test
  void aConnectionJustCreatedHereGetsItsSchedulesWithoutAReadFirst() {
    ScheduleSync fresh = new ScheduleSync(events, clock, whenSpare(), id -> id.equals("c1"));
    fresh.sync(
        resource(1, new RefreshScheduleSpec(NINE, "UTC"), new RefreshScheduleSpec(SIX, "UTC")),
        "c1",
        status,
        omni,
        INTERVAL);

    assertThat(omni.calls).containsExactly("schedule-create", "schedule-create");
    assertThat(status.schemaRefreshSchedules.inSync).isTrue();
  }

  @Test
  void aFailedFirstTryReadsOmniBeforeTryingAgain() {
    ScheduleSync fresh = new ScheduleSync(events, clock, whenSpare(), id -> true);
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    omni.notFoundFor = 1;
    fresh.sync(r, "c1", status, omni, INTERVAL);
    fresh.sync(r, "c1", status, omni, INTERVAL);

    assertThat(omni.calls).containsExactly("schedule-create", "schedule-list", "schedule-create");
  }

  @Test
  void anApiWithoutSchedulesSaysSoInTheStatus() {
    OmniConnection r = resource(1, new RefreshScheduleSpec(NINE, "UTC"));
    Step ready =
        new Step(r, status, dev.gitops.omni.core.Outcome.ready(Reason.AVAILABLE, "ok"), null);

    Step after = sync.after(ready, null, INTERVAL);

    assertThat(after.status().schemaRefreshSchedules.inSync).isFalse();
    assertThat(after.status().schemaRefreshSchedules.message).isEqualTo(ScheduleSync.NO_API);
  }

  @Test
  void aTryTheBudgetCutsShortCarriesOnWithoutReadingAgain() {
    OmniConnection r =
        resource(1, new RefreshScheduleSpec(NINE, "UTC"), new RefreshScheduleSpec(SIX, "UTC"));
    // list, create, then the budget has no request left for the second create
    omni.failAtCall.put(3, new BudgetExhaustedException(Duration.ofSeconds(2), 60));

    Duration wait = run(r);
    assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    run(r);

    assertThat(omni.calls)
        .as("the next turn of the queue creates, it does not read again")
        .containsExactly("schedule-list", "schedule-create", "schedule-create", "schedule-create");
    assertThat(omni.schedules.get("c1")).hasSize(2);
    assertThat(status.schemaRefreshSchedules.inSync).isTrue();
  }

  @Test
  void withoutTheFieldOmnisSchedulesAreLeftAlone() {
    omni.seed("c1", NINE, "UTC");
    status.schemaRefreshSchedules = new dev.gitops.omni.model.ScheduleSyncStatus();

    assertThat(run(resource(1, (RefreshScheduleSpec[]) null))).isNull();
    assertThat(omni.calls).isEmpty();
    assertThat(status.schemaRefreshSchedules).isNull();
  }
}
