package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The schedules run of issue 13 in small, in-process, as a regression guard: N = 60 connections
 * with two schedules each at R = 600 per minute, a 2 s poll interval. One run; each test checks one
 * of its properties, so a failure names the one that broke.
 *
 * <p>At R = 600 the floor's calls fit in the budget's first window, so the time bound is loose
 * here; the calls ratio and the absence of schedule reads while creating are what catch extra
 * calls. The real sizes (N = 100 at 60/min, N = 1 000 at 6 000/min) run in the bench only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesGuardTest {
  /**
   * What the floor leaves out, from the operator's start: wiring the operator in this JVM and its
   * informers' first list of 60 connections and Secrets (about 1 s), and the first reconciles'
   * status writes and Events on the mock API. On an idle machine the run settled within 4 s of the
   * start; 8 s absorbs a loaded 2-core machine, as {@link KeysGuardTest#START_UP} does.
   */
  static final Duration START_UP = Duration.ofSeconds(8);

  private final SchedulesScenario s =
      new SchedulesScenario(
          "guard schedules 60@600",
          60,
          600,
          false,
          Duration.ofSeconds(2),
          10,
          5,
          null,
          Path.of("target", "omni-operator.jar"),
          Path.of("target", "bench"),
          13L);

  private SchedulesResult r;

  @BeforeAll
  void run() {
    r = SchedulesRun.run(s, System.out::println);
    System.out.println(SchedulesTable.table(List.of(r)));
  }

  @Test
  void convergesWithinTheBoundPlusStartUp() {
    assertThat(r.unsettled()).as("resources not Ready or without their schedules").isZero();
    assertThat(r.convergence())
        .as("Ready with schedules within 1.1 × floor %s plus %s", s.floor(), START_UP)
        .isNotNull()
        .isLessThanOrEqualTo(s.bound().plus(START_UP));
  }

  @Test
  void callsStayWithinTheFloorOfCalls() {
    assertThat(r.callRatio())
        .as("calls to converge %s ÷ floor of calls %d", r.calls(), s.floorCalls())
        .isLessThanOrEqualTo(SchedulesScenario.BOUND);
  }

  @Test
  void noScheduleReadForAConnectionJustCreated() {
    assertThat(r.readsBeforeCreate())
        .as("schedule reads of connections that had none yet (calls to converge %s)", r.calls())
        .isZero();
    assertThat(r.calls().get("schedule-create")).isEqualTo(2L * s.n());
    assertThat(r.calls().get("create")).isEqualTo(s.n());
  }

  @Test
  void aScheduleEditReachesOmniInUnderASecond() {
    assertThat(r.edits().missed()).as("edits the simulator never showed").isZero();
    assertThat(r.edits().times()).hasSize(s.edits());
    assertThat(r.edits().worst()).as("worst edit").isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void steadyStateListsOncePerIntervalAndReadsSchedulesFromSpareBudget() {
    assertThat(r.oneListPerInterval())
        .as("%s lists in %.2f intervals", r.steadyCalls().get("list"), r.intervals())
        .isTrue();
    assertThat(r.steadyCalls().get("schedule-list")).as("periodic schedule reads").isPositive();
    assertThat(r.steadyOther()).as("other calls in steady state: %s", r.steadyCalls()).isZero();
    assertThat(r.most60()).as("requests in any 60 s").isLessThanOrEqualTo(s.rate());
    // hasSpare and the read's grant are two steps: up to one read per reconcile thread can pass
    // the check together, so the reserve may lose that many
    assertThat(r.mostBeforeRead())
        .as("requests in the 61 s up to a periodic read: the reserve of %d stays free", s.reserve())
        .isLessThanOrEqualTo(s.rate() - 1L - s.reserve() + s.threads());
  }

  @Test
  void no429AndNoSecretInTheOutput() {
    assertThat(r.c429()).as("429 answers").isZero();
    assertThat(r.leaks()).as("secret values in captured output").isZero();
  }
}
