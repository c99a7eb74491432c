package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault soak in small (N = 200, faults on, a high Omni rate limit, five operator restarts), as
 * a regression guard in the normal test run. It asserts that the faults really reached the operator
 * (5xx, dropped creates, 429s, PATCHes under faults, every instance interrupted mid-work), then the
 * invariants only, never timings: no duplicate connection, every remaining resource Ready, no lost
 * update (spec, role and credentials equal to Omni's state), deleted resources gone and their
 * Delete-policy connections archived, one list per poll interval in steady state, and no secret in
 * any captured output.
 */
class SoakGuardTest {

  @Test
  void faultsAndRestartsNeverDuplicateOrLoseAnything() {
    var scenario =
        new Soak.Scenario(
            "guard",
            200,
            100_000,
            600,
            false,
            Duration.ofSeconds(2),
            10,
            Duration.ofSeconds(20),
            5,
            10,
            null,
            Path.of("target", "omni-operator.jar"),
            Path.of("target", "bench"),
            42L);
    SoakResult result = Soak.run(scenario, System.out::println);
    System.out.println(SoakReport.soak(result));

    assertThat(result.restarts()).isEqualTo(5);
    assertThat(result.invalidity()).as("the storm reached the operator").isEmpty();
    assertThat(result.violations()).isEmpty();
    assertThat(result.check().resources()).isEqualTo(200 - result.deletedRequested());
    assertThat(result.deletedRequested()).as("resources deleted mid-create").isPositive();
    assertThat(result.perResource().maxExtra())
        .as("Omni calls a resource spent beyond one create and one per change")
        .isLessThanOrEqualTo(Soak.MAX_EXTRA_CALLS);
  }
}
