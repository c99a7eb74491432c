package dev.gitops.omni.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counts by route and HTTP status (status 0: a dropped create). */
final class RequestCounters {
  private final Map<Route, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

  void record(Route route, int status) {
    counts
        .computeIfAbsent(route, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  long count(Route route, int status) {
    LongAdder a = counts.getOrDefault(route, Map.of()).get(status);
    return a == null ? 0 : a.sum();
  }

  long count(Route route) {
    return counts.getOrDefault(route, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
  }

  long total() {
    return counts.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(LongAdder::sum)
        .sum();
  }

  void reset() {
    counts.clear();
  }
}
