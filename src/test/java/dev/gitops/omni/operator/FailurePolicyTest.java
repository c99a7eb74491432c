package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Outcome.State;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each kind of failed Omni call leads to. */
class FailurePolicyTest {

  /**
   * @param minWait the least the resource waits (null: no timer, it waits for a change)
   * @param remembered whether the inputs are remembered as rejected
   * @param warned whether a Warning event is emitted
   */
  record Row(
      String name,
      OmniApiException failure,
      State state,
      Reason reason,
      Duration minWait,
      boolean remembered,
      boolean warned,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "the budget held the call back: wait for its reservation, nothing sent",
            new BudgetExhaustedException(Duration.ofSeconds(3), 60),
            State.RETRYING,
            Reason.RATE_LIMITED,
            Duration.ofSeconds(3),
            false,
            false,
            ""),
        new Row(
            "429 with Retry-After: retried after it",
            new OmniApiException(
                OmniFailure.RATE_LIMITED, 429, "slow down", Duration.ofSeconds(20), null),
            State.RETRYING,
            Reason.RATE_LIMITED,
            Duration.ofSeconds(20),
            false,
            true,
            "retrying with backoff"),
        new Row(
            "503: retried with backoff",
            new OmniApiException(OmniFailure.UNAVAILABLE, 503, "down"),
            State.RETRYING,
            Reason.OMNI_UNAVAILABLE,
            Duration.ofSeconds(1),
            false,
            true,
            "retrying with backoff"),
        new Row(
            "404 just after a create: retried on a fresh list",
            new OmniApiException(OmniFailure.NOT_FOUND, 404, "no such connection"),
            State.RETRYING,
            Reason.NOT_FOUND,
            Duration.ofSeconds(1),
            false,
            true,
            "retrying with backoff"),
        new Row(
            "400: Stalled until the spec or Secret changes",
            new OmniApiException(OmniFailure.INVALID_REQUEST, 400, "bad host"),
            State.STALLED,
            Reason.OMNI_REJECTED,
            null,
            true,
            true,
            "Fix the spec (or the Secret) to retry"),
        new Row(
            "401: Stalled with what to check",
            new OmniApiException(OmniFailure.NOT_AUTHORISED, 401, "bad key"),
            State.STALLED,
            Reason.PERMISSION_DENIED,
            null,
            true,
            true,
            "organisation key with admin rights"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachFailure(Row row) {
    RecordingEvents events = new RecordingEvents();
    RejectionMemory memory = new RejectionMemory();
    FailurePolicy policy = new FailurePolicy(new Backoff(), memory, events);
    OmniConnection r = OperatorUnits.postgres("sales");
    Map<String, String> versions = Map.of("passwordUnencrypted", "pg/u/1");

    Step step = policy.failed(r, new OmniConnectionStatus(), row.failure(), versions);

    assertThat(step.outcome().state()).isEqualTo(row.state());
    assertThat(step.outcome().reason()).isEqualTo(row.reason());
    assertThat(step.outcome().message()).contains(row.says());
    if (row.minWait() == null) {
      assertThat(step.requeue()).isNull();
    } else {
      assertThat(step.requeue()).isGreaterThanOrEqualTo(row.minWait());
    }
    String fingerprint = RejectionMemory.fingerprint(r, versions);
    assertThat(memory.recall(PlanInputCollector.key(r), fingerprint).isPresent())
        .isEqualTo(row.remembered());
    assertThat(step.status().failedInputs).isEqualTo(row.remembered() ? fingerprint : null);
    assertThat(events.all()).hasSize(row.warned() ? 1 : 0);
  }

  @org.junit.jupiter.api.Test
  void repeated429sWithoutRetryAfterNeverWaitPastOmnisMinute() {
    FailurePolicy policy =
        new FailurePolicy(new Backoff(), new RejectionMemory(), new RecordingEvents());
    OmniConnection r = OperatorUnits.postgres("sales");
    var tooMany = new OmniApiException(OmniFailure.RATE_LIMITED, 429, "slow down");
    var down = new OmniApiException(OmniFailure.UNAVAILABLE, 503, "down");
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 12; i++) {
      Duration wait = policy.failed(r, new OmniConnectionStatus(), tooMany, Map.of()).requeue();
      longest = wait.compareTo(longest) > 0 ? wait : longest;
    }
    assertThat(longest).isLessThanOrEqualTo(Backoff.RATE_LIMITED_CAP);
    assertThat(longest).isGreaterThanOrEqualTo(Backoff.RATE_LIMITED_CAP.dividedBy(2));
    // other retryable failures keep the longer cap
    for (int i = 0; i < 12; i++) {
      longest = policy.failed(r, new OmniConnectionStatus(), down, Map.of()).requeue();
    }
    assertThat(longest).isGreaterThan(Backoff.RATE_LIMITED_CAP);
  }
}
