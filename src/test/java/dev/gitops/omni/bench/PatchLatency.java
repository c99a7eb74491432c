package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How long spec edits and Secret rotations take to reach Omni as a PATCH, one at a time. */
final class PatchLatency {
  private PatchLatency() {}

  static Duration percentile(List<Duration> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** How long each change took to reach Omni, and how many never did within 30 s. */
  record Latencies(List<Duration> times, int missed) {}

  /**
   * Makes {@code change} on each sampled resource, one at a time, and times it until Omni answers
   * the PATCH of that connection carrying {@code bodyKey}.
   */
  static Latencies timePatches(
      Rig rig,
      List<String> sample,
      Duration gap,
      java.util.function.Consumer<String> change,
      String bodyKey) {
    List<Duration> times = new ArrayList<>();
    int missed = 0;
    for (String name : sample) {
      String id = rig.cached(name).getStatus().connectionId;
      Polling.sleep(gap);
      Instant at = Instant.now();
      change.accept(name);
      JournalEntry patch =
          rig.awaitCall(
              j ->
                  "patch".equals(j.route())
                      && id.equals(j.connectionId())
                      && j.status() == 200
                      && j.bodyKeys().contains(bodyKey),
              at,
              Duration.ofSeconds(30));
      if (patch == null) {
        missed++;
      } else {
        times.add(Duration.between(at, patch.timestamp()));
      }
    }
    return new Latencies(times, missed);
  }
}
