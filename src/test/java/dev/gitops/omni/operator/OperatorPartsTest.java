package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorPartsTest {

  @Test
  void durationsReadTheWayKubernetesUsersWriteThem() {
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("30s, 5m");
    assertThat(Durations.parseOr("nonsense", Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parseOr("0s", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void specUserAnnotationsLostFinalizerAndDeletionReconcileButOurBookkeepingDoesNot() {
    OmniConnection before = resource(1L, Map.of());
    assertThat(OmniOperator.worthReconciling(resource(1L, Map.of()), before))
        .as("status only")
        .isFalse();
    assertThat(OmniOperator.worthReconciling(resource(2L, Map.of()), before)).isTrue();
    assertThat(
            OmniOperator.worthReconciling(
                resource(1L, Map.of(OmniConnection.PAUSED_ANNOTATION, "true")), before))
        .isTrue();
    OmniConnection deleting = resource(1L, Map.of());
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertThat(OmniOperator.worthReconciling(deleting, before)).isTrue();
    // the operator's own bookkeeping does not: the run that wrote it acted on it
    OmniConnection marked =
        resource(1L, Map.of(OmniConnection.CREATE_PENDING_ANNOTATION, "2026-01-01T00:00:00Z"));
    assertThat(OmniOperator.worthReconciling(marked, before)).as("create-pending mark").isFalse();
    assertThat(OmniOperator.worthReconciling(before, marked)).as("mark cleared").isFalse();
    OmniConnection finalized = resource(1L, Map.of());
    finalized.addFinalizer(OmniConnection.FINALIZER);
    assertThat(OmniOperator.worthReconciling(finalized, before)).as("our finalizer").isFalse();
    assertThat(OmniOperator.worthReconciling(before, finalized))
        .as("our finalizer taken away")
        .isTrue();
  }

  @Test
  void backoffGrowsIsCappedAndHonoursRetryAfter() {
    Backoff b = new Backoff();
    Duration last = Duration.ZERO;
    for (int i = 0; i < 20; i++) {
      last = b.next("k", null);
      assertThat(last).isLessThanOrEqualTo(Backoff.CAP);
    }
    assertThat(last).isGreaterThanOrEqualTo(Backoff.CAP.dividedBy(2));
    b.reset("k");
    assertThat(b.next("k", null)).isLessThanOrEqualTo(Backoff.BASE);
    assertThat(b.next("k", Duration.ofSeconds(30)))
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
  }

  private static OmniConnection resource(Long generation, Map<String, String> annotations) {
    OmniConnection r = new OmniConnection();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withName("x")
            .withNamespace("n")
            .withGeneration(generation)
            .withAnnotations(annotations)
            .build());
    return r;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "1ms, 60, PT10S",
    "30s, 60, PT30S",
    "500ms, 6000, PT1S",
    "2s, 6000, PT2S"
  })
  void thePollIntervalAnnotationCannotGoBelowTheFloorOfRun(
      String annotation, int perMinute, java.time.Duration expected) {
    var config =
        OperatorConfig.defaults(
                java.net.URI.create("http://127.0.0.1:9"),
                dev.gitops.omni.connection.SecretValue.of("t"))
            .withRequestsPerMinute(perMinute);
    var inputs = new PlanInputCollector(config, null, java.time.Clock.systemUTC());
    var r = Harness.postgres("sales");
    r.getMetadata()
        .setAnnotations(
            java.util.Map.of(
                dev.gitops.omni.model.OmniConnection.POLL_INTERVAL_ANNOTATION, annotation));

    org.assertj.core.api.Assertions.assertThat(inputs.pollInterval(r)).isEqualTo(expected);
  }
}
