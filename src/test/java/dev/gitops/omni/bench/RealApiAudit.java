package dev.gitops.omni.bench;

import dev.gitops.omni.e2e.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user's requests from the audit log, each counted once (a watch logs ResponseStarted, then
 * ResponseComplete), by verb and resource ({@code omniconnections/status} for a subresource).
 */
record RealApiAudit(
    Map<String, Long> requests, Map<String, Long> failed, Map<Long, Long> writesPerConnection) {

  static final String[] WRITE_VERBS = {"create", "update", "patch"};

  /**
   * The requests {@code user} made that the API server received in [{@code from}, {@code to}),
   * reading the log from byte {@code mark} on.
   */
  static RealApiAudit of(AuditLog log, long mark, String user, Instant from, Instant to) {
    Map<String, Long> requests = new TreeMap<>();
    Map<String, Long> failed = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    Map<String, Long> byName = new java.util.HashMap<>();
    log.forEach(
        mark,
        e -> {
          AuditLog.Entry x = e.entry();
          if (!user.equals(x.user())
              || e.received() == null
              || e.received().isBefore(from)
              || !e.received().isBefore(to)) {
            return;
          }
          String key = x.verb() + " " + resource(x);
          if (seen.add(e.auditId())) {
            requests.merge(key, 1L, Long::sum);
            connection(x).ifPresent(name -> byName.merge(name, 1L, Long::sum));
          }
          if ("ResponseComplete".equals(e.stage()) && (x.code() < 200 || x.code() >= 300)) {
            failed.merge(key + " → " + x.code(), 1L, Long::sum);
          }
        });
    Map<Long, Long> histogram = new TreeMap<>();
    byName.values().forEach(v -> histogram.merge(v, 1L, Long::sum));
    return new RealApiAudit(requests, failed, histogram);
  }

  /** The connection a write was for: its own name, or an Event's (named {@code <name>.<id>}). */
  private static Optional<String> connection(AuditLog.Entry x) {
    if (!List.of(WRITE_VERBS).contains(x.verb()) || x.name() == null) {
      return Optional.empty();
    }
    String name = x.name();
    return switch (x.resource() == null ? "" : x.resource()) {
      case "omniconnections" -> Optional.of(name);
      case "events" ->
          Optional.of(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name);
      default -> Optional.empty();
    };
  }

  /**
   * Waits until {@code user} has written nothing for {@code quiet} (at most {@code atMost}),
   * reading only what the log gained since the last look; returns when its last write was received.
   */
  static Instant awaitQuiet(
      AuditLog log, long mark, String user, Instant since, Duration quiet, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    long from = mark;
    Instant[] last = {since};
    while (true) {
      long to = log.mark();
      log.forEach(
          from,
          e -> {
            if (user.equals(e.entry().user())
                && e.entry().write()
                && e.received() != null
                && e.received().isAfter(last[0])) {
              last[0] = e.received();
            }
          });
      from = to;
      if (Duration.between(last[0], Instant.now()).compareTo(quiet) >= 0
          || System.nanoTime() > deadline) {
        return last[0];
      }
      Polling.sleep(Duration.ofSeconds(1));
    }
  }

  static String resource(AuditLog.Entry x) {
    String r = x.resource() == null ? "(none)" : x.resource();
    return x.subresource() == null ? r : r + "/" + x.subresource();
  }

  /** Writes (create, update, patch) on one resource or subresource. */
  long writes(String resource) {
    long sum = 0;
    for (String verb : WRITE_VERBS) {
      sum += requests.getOrDefault(verb + " " + resource, 0L);
    }
    return sum;
  }

  /** Writes on OmniConnections, their status and Events: what a created connection costs. */
  long connectionWrites() {
    return writes("omniconnections") + writes("omniconnections/status") + writes("events");
  }

  /** Every request of this verb, on any resource. */
  long verb(String verb) {
    return requests.entrySet().stream()
        .filter(e -> e.getKey().startsWith(verb + " "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long total() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  /** e.g. {@code update omniconnections=2000, create events=1000}: every verb and resource. */
  String breakdown() {
    return join(requests, "=");
  }

  /** e.g. {@code 5 writes: 998, 6 writes: 2}: how many connections cost how many writes. */
  String perConnection() {
    return join(writesPerConnection, " writes: ");
  }

  String failures() {
    return join(failed, ": ");
  }

  private static String join(Map<?, Long> counts, String between) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(between).append(v));
    return b.isEmpty() ? "none" : b.toString();
  }
}
