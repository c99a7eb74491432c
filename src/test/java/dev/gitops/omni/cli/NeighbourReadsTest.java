package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What plan and import read around connections: 429s waited out, 5xx retried, links read once. */
class NeighbourReadsTest {
  private final Deque<Object> answers = new ArrayDeque<>();
  private final List<Duration> slept = new ArrayList<>();
  private final StringWriter progress = new StringWriter();
  private int calls;

  private final NeighbourClient fake =
      new NeighbourClient() {
        @Override
        public List<RefreshSchedule> schedules(String connectionId) {
          return next();
        }

        @Override
        public Optional<List<EnvironmentLink>> environments() {
          return next();
        }

        @Override
        public RefreshSchedule createSchedule(String id, RefreshSchedule s) {
          throw new AssertionError("plan and import never write");
        }

        @Override
        public RefreshSchedule updateSchedule(String id, String sid, RefreshSchedule s) {
          throw new AssertionError("plan and import never write");
        }

        @Override
        public void deleteSchedule(String id, String sid) {
          throw new AssertionError("plan and import never write");
        }

        @Override
        public List<EnvironmentLink> linkEnvironments(String base, List<String> ids) {
          throw new AssertionError("plan and import never write");
        }

        @Override
        public void setEnvironmentValues(String linkId, List<String> values) {
          throw new AssertionError("plan and import never write");
        }

        @Override
        public void unlinkEnvironment(String linkId) {
          throw new AssertionError("plan and import never write");
        }
      };

  @SuppressWarnings("unchecked")
  private <T> T next() {
    calls++;
    Object a = answers.removeFirst();
    if (a instanceof OmniApiException e) {
      throw e;
    }
    return (T) a;
  }

  private NeighbourReads reads(boolean available) {
    return new NeighbourReads(
        () -> {}, fake, available, new Progress(new PrintWriter(progress, true)), slept::add);
  }

  private static OmniApiException failure(OmniFailure kind, int status, Duration retryAfter) {
    return new OmniApiException(kind, status, "detail", retryAfter, null);
  }

  @Test
  void aRateLimitIsWaitedOutAsOmniSaysElseLongerEachTime() {
    List<RefreshSchedule> one = List.of(new RefreshSchedule("s1", "0 9 ? * * *", "UTC"));
    answers.add(failure(OmniFailure.RATE_LIMITED, 429, Duration.ofSeconds(3)));
    answers.add(failure(OmniFailure.RATE_LIMITED, 429, null));
    answers.add(one);

    assertThat(reads(true).schedules("c1")).isEqualTo(one);
    assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(20));
    assertThat(progress.toString()).contains("Omni HTTP 429: detail: trying again in 3s");
  }

  @Test
  void aFailureThatPersistsOrCannotPassIsThrown() {
    for (int i = 0; i < 4; i++) {
      answers.add(failure(OmniFailure.UNAVAILABLE, 503, null));
    }
    assertThatThrownBy(() -> reads(true).schedules("c1"))
        .isInstanceOf(OmniApiException.class)
        .hasMessageContaining("503");
    assertThat(slept)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

    slept.clear();
    answers.add(failure(OmniFailure.NOT_FOUND, 404, null));
    assertThatThrownBy(() -> reads(true).schedules("c1")).hasMessageContaining("404");
    assertThat(slept).as("a 404 is an answer, not a hiccup").isEmpty();
  }

  @Test
  void theEnvironmentLinksAreReadOnceAndSoIsTheirFailure() {
    NeighbourReads reads = reads(true);
    answers.add(Optional.of(List.of(new EnvironmentLink("r1", "b", "e", List.of("dev")))));
    assertThat(reads.environments()).hasValueSatisfying(l -> assertThat(l).hasSize(1));
    assertThat(reads.environments()).isPresent();
    assertThat(calls).isEqualTo(1);

    NeighbourReads failing = reads(true);
    answers.add(failure(OmniFailure.NOT_AUTHORISED, 403, null));
    assertThatThrownBy(failing::environments).hasMessageContaining("403");
    assertThatThrownBy(failing::environments).hasMessageContaining("403");
    assertThat(calls).isEqualTo(2);
  }

  @Test
  void onlyTheCurrentApiHasThem() throws Exception {
    for (String prefix : List.of("v1", "unstable")) {
      var client =
          new dev.gitops.omni.client.OkHttpOmniClient(
              dev.gitops.omni.client.OmniClientConfig.of(
                  "http://127.0.0.1:9", dev.gitops.omni.connection.SecretValue.of("t")));
      try (NeighbourReads reads =
          new NeighbourReads(client, prefix, new Progress(new PrintWriter(new StringWriter())))) {
        assertThat(reads.available()).as(prefix).isEqualTo(prefix.equals("v1"));
      }
    }
    assertThat(NeighbourReads.UNSTABLE).contains("unstable API", "v1");
  }
}
