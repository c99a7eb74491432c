package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.simulator.JournalEntry;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the shipped jar with leader election, installed from the chart with {@code
 * replicaCount: 2} (which grants the Lease): only the leader talks to Omni; when it is SIGKILLed
 * (no shutdown, no Lease release) the standby takes over once the Lease expires, and nothing is
 * created twice.
 */
@RealApiServer
class LeaderElectionIT {
  static final String NS = "ha";
  static final String LEASE = "omni-operator-leader";

  /**
   * JOSDK's defaults: the Lease lasts 15 s; a candidate retries every 2 s plus up to 1.2 × 2 s of
   * jitter (Fabric8's LeaderElector). A standby may take over at the earliest 15 s after the last
   * renewal, at the latest about 19.4 s after it; a little more for a loaded machine.
   */
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  static final Duration TAKEOVER_BOUND = LEASE_DURATION.plusSeconds(8);

  /** Leader election and the Lease's namespace come from the chart's Deployment environment. */
  static final List<String> ARGS = List.of("--poll-interval=3s", "--rate-limit=600");

  static OperatorInstall install;

  @BeforeAll
  static void install() {
    install = OperatorInstall.start().withChart("replicaCount: 2");
  }

  @AfterAll
  static void uninstall() {
    if (install != null) {
      install.close();
    }
  }

  static String holder() {
    return leaseHolder(install);
  }

  /** Who holds the chart's Lease in {@code install}, or null. */
  static String leaseHolder(OperatorInstall install) {
    Lease lease =
        install
            .cluster()
            .admin()
            .leases()
            .inNamespace(OperatorInstall.NAMESPACE)
            .withName(LEASE)
            .get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  static void applyConnections(String... names) {
    StringBuilder yaml = new StringBuilder(Manifests.namespace(NS));
    for (String n : names) {
      yaml.append("---\n").append(Manifests.postgres(NS, n, "pw-" + n, "deletionPolicy: Delete"));
    }
    install.cluster().kubectl().runWithInput(yaml.toString(), "apply", "-f", "-").ok();
    for (String n : names) {
      install.awaitReady(NS, n);
    }
  }

  @Test
  void theStandbyStaysSilentAndTakesOverWithinTheLeaseOnceTheLeaderIsKilled() {
    OperatorProcess a = install.runOperator("omni-operator-a", ARGS);
    await("a leads").atMost(Duration.ofSeconds(30)).until(() -> "omni-operator-a".equals(holder()));
    OperatorProcess b = install.runOperator("omni-operator-b", ARGS);
    applyConnections("one", "two", "three", "four", "five");

    // three of the leader's poll intervals: a standby that polled would have by now
    await("the standby sends Omni nothing")
        .during(Duration.ofSeconds(9))
        .atMost(Duration.ofSeconds(12))
        .until(() -> b.omniRequests() == 0 && a.alive());
    assertThat(b.alive()).as("the standby runs").isTrue();
    assertThat(a.omniRequests()).as("the leader's Omni calls").isPositive();
    // read twice around Omni's count, so a poll in between cannot make them differ
    await("every request Omni saw came from the leader")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              long before = a.omniRequests();
              long seen = install.omni().totalRequests();
              return before == seen && a.omniRequests() == seen;
            });
    assertThat(holder()).isEqualTo("omni-operator-a");

    Instant killed = Instant.now();
    a.kill();
    await("b leads")
        .atMost(TAKEOVER_BOUND.plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "omni-operator-b".equals(holder()));
    Duration takeover = Duration.between(killed, Instant.now());
    System.out.println("e2e: standby took over " + takeover.toMillis() + " ms after SIGKILL");
    assertThat(takeover).as("takeover after SIGKILL").isLessThanOrEqualTo(TAKEOVER_BOUND);

    applyConnections("six", "seven");
    assertThat(b.omniRequests()).as("the new leader's Omni calls").isPositive();

    Map<String, Long> creates =
        install.omni().journal().stream()
            .filter(e -> e.method().equals("POST") && e.status() == 201)
            .collect(Collectors.groupingBy(JournalEntry::name, Collectors.counting()));
    assertThat(creates).as("connections created").hasSize(7);
    assertThat(creates.values()).as("no connection created twice").containsOnly(1L);
    assertThat(install.omni().connections()).hasSize(7);
    assertThat(install.deniedToOperator()).as("requests RBAC refused").isEmpty();
  }
}
