package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The store serialises changes: two racing claims on one attribute value cannot both win, whether
 * by connection PATCH or by connection-environment PUT.
 */
class ConcurrencyTest {

  @Test
  void racingClaimsOnOneAttributeValueYieldExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build())) {
      SimClient c = new SimClient(sim, "v1");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ids.add(c.createOk(Bodies.postgres("c" + i)));
      }
      Map<String, Object> claim =
          Map.of(
              "environmentUserAttribute",
              Map.of("attributeName", "environment", "defaultValues", List.of("prod")));
      List<Future<Integer>> results = new ArrayList<>();
      for (String id : ids) {
        Callable<Integer> patch = () -> c.patch(id, claim).status();
        results.add(pool.submit(patch));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }

      assertThat(statuses).containsOnly(200, 400);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
      assertThat(sim.connections().stream().filter(s -> s.environmentAttributeName() != null))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingEnvironmentsOfOneBaseClaimAValueOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build())) {
      SimClient c = new SimClient(sim, "v1");
      String base = sim.seed(Bodies.postgres("prod"));
      List<String> records = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String env = sim.seed(Bodies.postgres("env" + i));
        records.add(c.linkEnvironments(Bodies.link(base, env)).json().at("/data/0/id").asText());
      }
      List<Future<Integer>> results = new ArrayList<>();
      for (String record : records) {
        Callable<Integer> put =
            () -> c.setEnvironmentValues(record, Map.of("userAttributeValues", "dev")).status();
        results.add(pool.submit(put));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }

      assertThat(statuses).containsOnly(200, 400);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
      assertThat(
              sim.environments("default").stream().filter(e -> !e.userAttributeValues().isEmpty()))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
