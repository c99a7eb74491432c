package dev.gitops.omni.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.simulator.ConnectionSnapshot;
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

  /** JOSDK's defaults: the Lease lasts 15 s, a candidate retries every 2 s (with jitter). */
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  static final Duration TAKEOVER_BOUND = LEASE_DURATION.plusSeconds(4);
  static final List<String> ARGS =
      List.of(
          "--leader-election",
          "--lease-namespace=" + OperatorInstall.NAMESPACE,
          "--poll-interval=3s",
          "--rate-limit=600");

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
    assertThat(a.omniRequests()).as("the leader's Omni calls").isPositive();
    assertThat(install.omni().totalRequests())
        .as("every request Omni saw came from the leader")
        .isEqualTo(a.omniRequests());
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

    Map<String, Long> live =
        install.omni().connections().stream()
            .filter(c -> !c.archived())
            .collect(Collectors.groupingBy(ConnectionSnapshot::name, Collectors.counting()));
    assertThat(live).hasSize(7);
    assertThat(live.values()).as("no connection created twice").containsOnly(1L);
    assertThat(install.deniedToOperator()).as("requests RBAC refused").isEmpty();
  }
}
