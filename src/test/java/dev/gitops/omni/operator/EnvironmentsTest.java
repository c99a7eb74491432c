package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.EnvironmentOf;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.EnvironmentSnapshot;
import dev.gitops.omni.simulator.Organisations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connection environments end to end (issue 13), on the mock API server and the simulator: two
 * environments linked to their base with their values, a value edit, an environment unlinked by
 * removing environmentOf and another by deleting it (Orphan: the connection stays, the link goes),
 * and an environment of another dialect stopped before any call.
 */
class EnvironmentsTest {
  Harness h;

  @BeforeEach
  void start() {
    h = Harness.startedWithPostgresSecret();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Omni's records: environment connection name → its values. */
  private Map<String, List<String>> links() {
    Map<String, String> names =
        h.sim.connections().stream()
            .collect(Collectors.toMap(c -> c.id(), c -> c.name(), (a, b) -> a));
    return h.sim.environments(Organisations.DEFAULT).stream()
        .collect(
            Collectors.toMap(
                (EnvironmentSnapshot e) -> names.get(e.connectionId()),
                e -> e.userAttributeValues().stream().sorted().toList()));
  }

  private static OmniConnection environment(String name, String... values) {
    OmniConnection r = Harness.postgres(name);
    r.getSpec().environmentOf = new EnvironmentOf("prod", List.of(values));
    return r;
  }

  @Test
  void environmentsAreLinkedEditedAndUnlinked() {
    OmniConnection base = Harness.postgres("prod");
    base.getSpec().environmentUserAttribute = new EnvironmentUserAttribute("env", List.of("prod"));
    h.apply(environment("dev", "dev"));
    h.apply(environment("staging", "staging", "qa"));
    h.apply(base);
    h.awaitReady("prod");
    await("both linked")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                links().equals(Map.of("dev", List.of("dev"), "staging", List.of("qa", "staging"))));
    String prodId = h.get("prod").getStatus().connectionId;
    assertThat(h.sim.environments(Organisations.DEFAULT))
        .allMatch(e -> e.baseConnectionId().equals(prodId));
    await("status says linked")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var link = h.get("dev").getStatus().environmentLink;
              return link != null
                  && Boolean.TRUE.equals(link.inSync)
                  && prodId.equals(link.baseConnectionId);
            });

    h.edit("dev", r -> r.getSpec().environmentOf.userAttributeValues = List.of("dev", "sandbox"));
    await("values edited")
        .atMost(Duration.ofSeconds(10))
        .until(() -> List.of("dev", "sandbox").equals(links().get("dev")));

    h.edit("staging", r -> r.getSpec().environmentOf = null);
    await("staging unlinked")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !links().containsKey("staging"));

    h.delete("dev");
    await("dev unlinked on deletion").atMost(Duration.ofSeconds(10)).until(() -> links().isEmpty());
    assertThat(h.sim.connections()).as("Orphan: the connections stay").hasSize(3);
  }

  @Test
  void anEnvironmentOfAnotherDialectIsStoppedBeforeAnyCall() {
    OmniConnection base = Harness.postgres("prod");
    base.getSpec().environmentUserAttribute = new EnvironmentUserAttribute("env", List.of());
    h.apply(base);
    h.awaitReady("prod");
    OmniConnection other = environment("warehouse", "dev");
    other.getSpec().dialect = dev.gitops.omni.model.Dialect.mysql;
    h.apply(other);

    var stalled = h.awaitStalled("warehouse", "InvalidSpec");
    assertThat(stalled.getMessage())
        .contains("this connection is mysql but its base prod is postgres");
    assertThat(h.sim.journal()).noneMatch(j -> "warehouse".equals(j.name()));
  }
}
