package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.EnvironmentOf;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An environment's record in Omni kept equal to spec.environmentOf, over an in-memory Omni. */
class EnvironmentSyncTest {
  static final Duration INTERVAL = Duration.ofMinutes(5);

  final OperatorUnits u = new OperatorUnits();
  final TestingNeighbours omni = new TestingNeighbours();

  /** What the periodic checks asked, were told (null: go) and said was done. */
  final List<String> asked = new java.util.ArrayList<>();

  final List<String> done = new java.util.ArrayList<>();
  Duration admission = null;
  final EnvironmentSync sync =
      new EnvironmentSync(
          u.events,
          u.clock,
          new CheckAdmission() {
            @Override
            public Duration admit(String key) {
              asked.add(key);
              return admission;
            }

            @Override
            public void done(String key) {
              done.add(key);
            }
          });
  final OmniConnection base = OperatorUnits.postgres("prod");

  EnvironmentSyncTest() {
    base.setStatus(new OmniConnectionStatus());
    base.getStatus().connectionId = "base-1";
    u.others.add(base);
  }

  private Step run(OmniConnection r, OmniConnectionStatus status) {
    Step ready = new Step(r, status, Outcome.ready(Reason.AVAILABLE, "matches"), null);
    var io = new ReconcileIo(null, null, u.index(), omni);
    return sync.after(ready, io, INTERVAL);
  }

  private OmniConnection dev(long generation, String... values) {
    OmniConnection r = OperatorUnits.postgres("dev");
    r.getMetadata().setGeneration(generation);
    r.getSpec().environmentOf = new EnvironmentOf("prod", List.of(values));
    return r;
  }

  private static OmniConnectionStatus managing(String id) {
    OmniConnectionStatus s = new OmniConnectionStatus();
    s.connectionId = id;
    return s;
  }

  @Test
  void aNewEnvironmentIsLinkedWithItsValues() {
    Step step = run(dev(1, "dev", "qa"), managing("env-1"));

    assertThat(omni.links.values())
        .singleElement()
        .isEqualTo(new EnvironmentLink("e1", "base-1", "env-1", List.of("dev", "qa")));
    assertThat(step.status().environmentLink.id).isEqualTo("e1");
    assertThat(step.status().environmentLink.inSync).isTrue();
    assertThat(step.requeue()).isEqualTo(INTERVAL);
    assertThat(u.events.reasons()).containsExactly(Reason.ENVIRONMENT_LINKED);
  }

  @Test
  void inSyncAndNotDueSendsNothing() {
    Step first = run(dev(1, "dev"), managing("env-1"));
    int calls = omni.calls.size();
    u.clock.now = u.clock.now.plusSeconds(30);

    Step again = run(dev(1, "dev"), first.status());

    assertThat(omni.calls).hasSize(calls);
    assertThat(again.requeue()).isEqualTo(INTERVAL.minusSeconds(30));
  }

  @Test
  void aDueCheckAsksForAdmissionAndWaitsAsToldButAChangeDoesNotAsk() {
    Step first = run(dev(1, "dev"), managing("env-1"));
    assertThat(asked).as("a new link does not ask").isEmpty();
    int calls = omni.calls.size();
    u.clock.now = u.clock.now.plus(INTERVAL);
    admission = Duration.ofMillis(700);

    Step waiting = run(dev(1, "dev"), first.status());

    assertThat(asked).containsExactly("environment/" + PlanInputCollector.key(dev(1, "dev")));
    assertThat(omni.calls).as("not admitted: no call").hasSize(calls);
    assertThat(waiting.requeue()).isEqualTo(Duration.ofMillis(700));

    Step changed = run(dev(2, "dev", "qa"), waiting.status());

    assertThat(asked).as("a spec change goes at once").hasSize(1);
    assertThat(changed.status().environmentLink.userAttributeValues).containsExactly("dev", "qa");
    assertThat(omni.links.values())
        .singleElement()
        .as("the new values reached Omni")
        .matches(l -> l.userAttributeValues().equals(List.of("dev", "qa")));
    assertThat(done).as("nothing admitted yet").isEmpty();
    admission = null;
    u.clock.now = u.clock.now.plus(INTERVAL);
    int before = omni.calls.size();

    run(dev(2, "dev", "qa"), changed.status());

    assertThat(asked).hasSize(2);
    assertThat(omni.calls).as("admitted: the check reads Omni's links").hasSize(before + 1);
    assertThat(done).containsExactly("environment/" + PlanInputCollector.key(dev(1, "dev")));
  }

  @Test
  void periodicChecksWithinAnIntervalShareOneListButASpecChangeReadsAfresh() {
    Step dev = run(dev(1, "dev"), managing("env-1"));
    OmniConnection qaResource = OperatorUnits.postgres("qa");
    qaResource.getMetadata().setGeneration(1L);
    qaResource.getSpec().environmentOf = new EnvironmentOf("prod", List.of("qa"));
    Step qa = run(qaResource, managing("env-2"));
    assertThat(omni.count("environment-list")).as("each new link reads Omni").isEqualTo(2);
    u.clock.now = u.clock.now.plus(INTERVAL);

    run(dev(1, "dev"), dev.status());
    run(qaResource, qa.status());

    assertThat(omni.count("environment-list")).as("two periodic checks, one list").isEqualTo(3);

    run(dev(2, "dev", "sandbox"), dev.status());
    assertThat(omni.count("environment-list")).as("a spec change reads afresh").isEqualTo(4);
    assertThat(omni.links.values())
        .anyMatch(l -> l.userAttributeValues().equals(List.of("dev", "sandbox")));
  }

  @Test
  void newValuesAreOnePut() {
    Step first = run(dev(1, "dev"), managing("env-1"));
    omni.calls.clear();

    run(dev(2, "dev", "sandbox"), first.status());

    assertThat(omni.calls).containsExactly("environment-list", "environment-update");
    assertThat(omni.links.get("e1").userAttributeValues()).containsExactly("dev", "sandbox");
  }

  @Test
  void aNewBaseConnectionIsARelink() {
    Step first = run(dev(1, "dev"), managing("env-1"));
    base.getStatus().connectionId = "base-2"; // the base was replaced

    Step again = run(dev(1, "dev"), first.status());

    assertThat(omni.links.values())
        .singleElement()
        .matches(l -> l.baseConnectionId().equals("base-2"));
    assertThat(again.status().environmentLink.baseConnectionId).isEqualTo("base-2");
    assertThat(omni.count("environment-delete")).isEqualTo(1);
  }

  @Test
  void withoutOmnisListTheRememberedRecordIsUsed() {
    omni.noEnvironmentList = true;
    Step first = run(dev(1, "dev"), managing("env-1"));
    omni.calls.clear();

    run(dev(2, "dev"), first.status());

    assertThat(omni.calls).as("no second record").containsExactly("environment-list");
    assertThat(omni.links).hasSize(1);
  }

  @Test
  void aRecordMadeJustBeforeAFailureIsKeptAndNotMadeTwice() {
    omni.noEnvironmentList = true;
    omni.failNextValues =
        new dev.gitops.omni.client.OmniApiException(
            dev.gitops.omni.connection.OmniFailure.UNAVAILABLE, 503, "down");
    Step failed = run(dev(1, "dev"), managing("env-1"));
    assertThat(failed.status().environmentLink.id).isEqualTo("e1");
    assertThat(failed.status().environmentLink.inSync).isFalse();

    run(dev(1, "dev"), failed.status());

    assertThat(omni.links).hasSize(1);
    assertThat(omni.links.get("e1").userAttributeValues()).containsExactly("dev");
    assertThat(omni.count("environment-create")).isEqualTo(1);
  }

  @Test
  void aRememberedRecordRemovedInOmniIsMadeAgain() {
    omni.noEnvironmentList = true;
    Step first = run(dev(1, "dev"), managing("env-1"));
    omni.links.clear(); // removed by hand in Omni

    Step again = run(dev(2, "dev", "qa"), first.status());

    assertThat(omni.links.values())
        .singleElement()
        .matches(l -> l.userAttributeValues().equals(List.of("dev", "qa")));
    assertThat(again.status().environmentLink.inSync).isTrue();
  }

  @Test
  void removingEnvironmentOfUnlinks() {
    Step first = run(dev(1, "dev"), managing("env-1"));
    OmniConnection plain = OperatorUnits.postgres("dev");

    Step after = run(plain, first.status());

    assertThat(omni.links).isEmpty();
    assertThat(after.status().environmentLink).isNull();
    assertThat(u.events.reasons()).endsWith(Reason.ENVIRONMENT_UNLINKED);
  }

  @Test
  void aBaseWithoutAConnectionIsWaitedFor() {
    base.getStatus().connectionId = null;

    Step step = run(dev(1, "dev"), managing("env-1"));

    assertThat(omni.calls).isEmpty();
    assertThat(step.requeue()).isEqualTo(EnvironmentSync.BASE_WAIT);
    assertThat(step.status().environmentLink.message).contains("waiting for the base");
  }
}
