package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.connection.EnvironmentLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One instance's list of Omni's environment links, shared by its environments' periodic checks:
 * Omni lists every link of the organisation in one call, so N environments checked within an
 * interval need one list, not N (docs/neighbours.md). A check after a spec change reads afresh.
 */
final class SharedEnvironmentLinks {
  private final Clock clock;
  private Optional<List<EnvironmentLink>> links;
  private Instant readAt;

  SharedEnvironmentLinks(Clock clock) {
    this.clock = clock;
  }

  /**
   * Omni's links (empty: this Omni has no list), read through {@code omni} unless the last read is
   * younger than {@code maxAge}. Callers at once wait for one read.
   */
  synchronized Optional<List<EnvironmentLink>> read(NeighbourClient omni, Duration maxAge) {
    Instant now = clock.instant();
    if (readAt == null || !readAt.plus(maxAge).isAfter(now)) {
      links = omni.environments();
      readAt = now;
    }
    return links;
  }

  /** A link was written: the next check reads afresh. */
  synchronized void changed() {
    readAt = null;
  }
}
