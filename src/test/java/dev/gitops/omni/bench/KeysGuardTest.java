package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.bench.KeysScenario.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The K-keys run of issue 12 in small, in-process, as a regression guard: N = 120 connections over
 * K = 3 ClusterOmniInstances at R per key (Omni's limit per key in the simulator and each
 * instance's requestsPerMinute), with the keys in three organisations or in one, the operator
 * watching every namespace (the chart's default; {@link KeysNamespacedModeTest} has the other).
 *
 * <p>It asserts that every connection is Ready and stored in its own instance's organisation (none
 * in another's), that all were Ready within 1.05 × N / (K·R) plus {@link #START_UP}, that each
 * instance lists once per poll interval in steady state and calls nothing else, that no request
 * went out with another instance's key, no 429, and no secret in any captured output.
 */
class KeysGuardTest {
  /**
   * What the bound leaves out: the operator's start in this JVM (the SDK's informers list the 120
   * connections, their Secrets and the instances: about 1 s), each instance's first reconcile
   * (reads its key, checks it with one list, writes Ready), and the connections reconciled before
   * that, which wait for the instance's Ready event. On an idle machine all Ready took 3–5 s; 8 s
   * absorbs a loaded 2-core machine and stays far below the 30 s a connection waits when its
   * instance's Ready event does not wake it (InstanceRefusal's recheck), the regression this is for
   * besides the per-key budget and list.
   */
  static final Duration START_UP = Duration.ofSeconds(8);

  /**
   * The time every run must converge in: 1.05 × N / (K·R) at R = 600 (4.2 s) plus {@link
   * #START_UP}.
   */
  static final Duration CEILING = Duration.ofMillis(4200).plus(START_UP);

  /**
   * R = 600 is the bound of the issue, scaled down. R = 60 (Omni's real limit per key) checks that
   * the K budgets are separate, which at R = 600 nothing shows: each key needs 40 creates and a
   * list or two, within its first window of 59, so all go out at once and the run converges within
   * the same {@link #CEILING}; one budget or one key for all three would hold 120 requests to 59
   * per 61 s (over two minutes) or draw 429s from the simulator's 60 per key.
   */
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of(Mode.ORGS, 600), Arguments.of(Mode.KEYS, 600), Arguments.of(Mode.KEYS, 60));
  }

  @ParameterizedTest(name = "{0} at {1}/min per key")
  @MethodSource("runs")
  void kKeysConvergeInOwnOrganisationsWithOneListPerInstance(Mode mode, int rate) {
    var s =
        new KeysScenario(
            "guard " + mode + "@" + rate,
            120,
            3,
            rate,
            mode,
            false,
            false,
            Duration.ofSeconds(2),
            10,
            null,
            Path.of("target", "omni-operator.jar"),
            Path.of("target", "bench"),
            12L);
    KeysResult r = KeysRun.run(s, System.out::println);
    System.out.println(KeysReport.table(java.util.List.of(r)));

    assertThat(r.store().examples()).as("connections not Ready or in the wrong store").isEmpty();
    assertThat(r.store().ok()).isTrue();
    assertThat(r.instances()).allSatisfy(i -> assertThat(i.ready()).isEqualTo(40));
    assertThat(r.convergence())
        .as("all Ready within 1.05 × N/(K·R) = %s plus %s", s.bound(), START_UP)
        .isNotNull()
        .isLessThanOrEqualTo(s.bound().plus(START_UP))
        .isLessThanOrEqualTo(CEILING);
    assertThat(r.instances())
        .as("one list per instance per poll interval in steady state, nothing else")
        .allSatisfy(
            i ->
                assertThat(Steady.onePerInterval(i.steadyLists(), i.steadyOther(), r.intervals()))
                    .as(
                        "%s: %d lists, %d other in %.2f intervals",
                        i.name(), i.steadyLists(), i.steadyOther(), r.intervals())
                    .isTrue());
    assertThat(r.c429()).as("429 answers").isZero();
    assertThat(r.foreignKeys()).as("requests with another instance's key").isZero();
    assertThat(r.leaks()).as("secret values in captured output").isZero();
  }
}
