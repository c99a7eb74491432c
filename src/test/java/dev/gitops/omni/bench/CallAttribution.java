package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import dev.gitops.omni.simulator.OmniSimulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Omni calls spent per resource (lists excluded, they serve everyone). A create is attributed by
 * the name it asked for, whatever the answer (429, 5xx, dropped, 201); every other call through its
 * connection id. {@code extra} is what a resource spent beyond one create and one call per change
 * made to it (spec edit or Secret rotation): the retries the faults cost it. Calls that name no
 * known connection (e.g. a GET of an id Omni never had) are counted apart.
 */
record CallAttribution(
    int max,
    String maxResource,
    double mean,
    long unattributed,
    int maxExtra,
    String maxExtraResource) {

  /** The attribution of {@code journal}'s calls to the connections {@code sim} holds. */
  static CallAttribution of(
      OmniSimulator sim, List<JournalEntry> journal, Map<String, Integer> changes) {
    Map<String, String> nameOf = new HashMap<>();
    sim.connections().forEach(c -> nameOf.put(c.id(), c.name()));
    Map<String, Integer> per = new HashMap<>();
    long unattributed = 0;
    for (JournalEntry j : journal) {
      if ("list".equals(j.route())) {
        continue;
      }
      String name = j.name() != null ? j.name() : nameOf.get(j.connectionId());
      if (name == null) {
        unattributed++;
      } else {
        per.merge(name, 1, Integer::sum);
      }
    }
    var max = per.entrySet().stream().max(Map.Entry.comparingByValue());
    var extra =
        per.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - 1 - changes.getOrDefault(e.getKey(), 0)))
            .max(Map.Entry.comparingByValue());
    double mean = per.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    return new CallAttribution(
        max.map(Map.Entry::getValue).orElse(0),
        max.map(Map.Entry::getKey).orElse("-"),
        mean,
        unattributed,
        extra.map(Map.Entry::getValue).orElse(0),
        extra.map(Map.Entry::getKey).orElse("-"));
  }
}
