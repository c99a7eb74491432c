package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report renders a run that did not converge as what it reached, next to one that did. */
class ReportTest {

  private static BenchRun.Scenario scenario(String label, Strategy strategy) {
    return new BenchRun.Scenario(
        label,
        100,
        60,
        60,
        strategy,
        true,
        Duration.ofSeconds(15),
        10,
        10,
        "1g",
        Path.of("target", "omni-operator.jar"),
        Path.of("target", "bench"),
        6L);
  }

  private static Map<String, Long> calls(long get, long create, long list) {
    Map<String, Long> calls = new LinkedHashMap<>();
    calls.put("list", list);
    calls.put("get", get);
    calls.put("create", create);
    calls.put("patch", 0L);
    calls.put("delete", 0L);
    return calls;
  }

  private static BenchResult shared() {
    return new BenchResult(
        scenario("shared 100@60", Strategy.SHARED_LIST),
        Duration.ofMillis(111_950),
        100,
        Duration.ofMillis(112_000),
        calls(0, 100, 4),
        0,
        1.0,
        0.0,
        4.0,
        List.of(Duration.ofMillis(100)),
        0,
        List.of(Duration.ofMillis(100)),
        0,
        17L << 20,
        207L << 20,
        Duration.ofMillis(5440),
        Duration.ofMillis(5440),
        new InvariantCheck(100, 100, 0, 0, 0, 0, List.of()),
        0,
        "real operator, child JVM");
  }

  private static BenchResult naiveNotConverged() {
    return new BenchResult(
        scenario("naive 100@60", Strategy.NAIVE),
        null,
        65,
        Duration.ofMillis(170_400),
        calls(286, 65, 0),
        0,
        0.0,
        11.0,
        4.0,
        List.of(),
        0,
        List.of(),
        0,
        -1,
        -1,
        Duration.ofMillis(900),
        Duration.ofMillis(900),
        new InvariantCheck(100, 65, 0, 0, 0, 0, List.of()),
        0,
        "naive per-resource poller (harness)");
  }

  @Test
  void aRunThatDidNotConvergeShowsHowFarItGotBesideOneThatDid() {
    List<BenchResult> results = List.of(shared(), naiveNotConverged());

    String runs = Report.runs(results);
    String ratios = ComparisonReport.ratios(results);

    assertThat(runs)
        .contains("| time until every resource is Ready | 111.95 s | 65/100 Ready after 170 s")
        .contains(
            "| Omni calls to converge: total | 104 | 351 (so far, 65/100 Ready after 170 s) |")
        .contains("(not converged: not timed)")
        .contains("11.00 (still converging)")
        .doesNotContain("NaN");
    assertThat(ratios)
        .contains("104 in 111.95 s / 351 with only 65/100 Ready after 170 s")
        .contains("11×");
  }

  @Test
  void theConvergenceTargetNamesARunThatDidNotConverge() {
    BenchResult stuck = naiveNotConverged();
    BenchResult sharedStuck =
        new BenchResult(
            scenario("shared 100@60", Strategy.SHARED_LIST),
            null,
            stuck.ready(),
            stuck.waited(),
            stuck.callsByRoute(),
            0,
            1.0,
            0.0,
            4.0,
            List.of(),
            0,
            List.of(),
            0,
            -1,
            -1,
            null,
            null,
            stuck.check(),
            0,
            "real operator, child JVM");

    var convergence =
        TargetReport.judge(List.of(sharedStuck), null).stream()
            .filter(t -> t.name().startsWith("convergence"))
            .findFirst()
            .orElseThrow();

    assertThat(convergence.met()).isFalse();
    assertThat(convergence.measured()).contains("not converged, 65/100 Ready after 170 s");
  }
}
