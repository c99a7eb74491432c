package dev.gitops.omni.bench;

import dev.gitops.omni.simulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the simulator's journal of a schedules run says: calls by route up to a moment, the most
 * requests any window held, and how full the budget's window was when a periodic schedule read went
 * out (it must leave the reserve free).
 */
final class SchedulesCalls {
  /** The routes a schedules run can call. */
  static final List<String> ROUTES =
      List.of(
          "list",
          "get",
          "create",
          "patch",
          "delete",
          "schedule-list",
          "schedule-get",
          "schedule-create",
          "schedule-update",
          "schedule-delete");

  private final List<JournalEntry> journal;

  SchedulesCalls(List<JournalEntry> journal) {
    // answers are journaled as they finish: sorted, for the sliding windows
    this.journal =
        journal.stream().sorted(java.util.Comparator.comparing(JournalEntry::timestamp)).toList();
  }

  /** Calls by route answered in {@code [from, to]}, every route listed (zeros too). */
  Map<String, Long> byRoute(Instant from, Instant to) {
    Map<String, Long> m = new LinkedHashMap<>();
    ROUTES.forEach(r -> m.put(r, 0L));
    for (JournalEntry j : journal) {
      if (!j.timestamp().isBefore(from) && !j.timestamp().isAfter(to)) {
        m.merge(j.route(), 1L, Long::sum);
      }
    }
    return m;
  }

  static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The first answer's time, or null when there was none. */
  Instant first() {
    return journal.isEmpty() ? null : journal.get(0).timestamp();
  }

  /** The first answer after {@code after} to a call for connection {@code id}, or null. */
  Instant firstAfter(String id, Instant after) {
    return journal.stream()
        .filter(j -> id.equals(j.connectionId()) && j.timestamp().isAfter(after))
        .map(JournalEntry::timestamp)
        .findFirst()
        .orElse(null);
  }

  /** The last answer at or before {@code until} that matches, or null. */
  Instant last(Predicate<JournalEntry> match, Instant until) {
    Instant last = null;
    for (JournalEntry j : journal) {
      if (!j.timestamp().isAfter(until) && match.test(j)) {
        last = last == null || j.timestamp().isAfter(last) ? j.timestamp() : last;
      }
    }
    return last;
  }

  /** The most requests (any route, any answer) in any window of length {@code window}. */
  long mostIn(Duration window) {
    long most = 0;
    int start = 0;
    for (int end = 0; end < journal.size(); end++) {
      Instant t = journal.get(end).timestamp();
      while (!journal.get(start).timestamp().isAfter(t.minus(window))) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  /**
   * For the schedule reads answered in {@code [from, to)}: the most requests the window of {@code
   * window} ending at one of them held (itself included).
   */
  long mostBeforeRead(Duration window, Instant from, Instant to) {
    long most = 0;
    int start = 0;
    for (int end = 0; end < journal.size(); end++) {
      JournalEntry j = journal.get(end);
      while (!journal.get(start).timestamp().isAfter(j.timestamp().minus(window))) {
        start++;
      }
      if ("schedule-list".equals(j.route())
          && !j.timestamp().isBefore(from)
          && j.timestamp().isBefore(to)) {
        most = Math.max(most, end - start + 1);
      }
    }
    return most;
  }

  /**
   * Schedule reads of a connection before its first schedule create answered 2xx (or with none):
   * reads of a connection that has no schedules yet.
   */
  long readsBeforeFirstCreate() {
    java.util.Set<String> created = new java.util.HashSet<>();
    long reads = 0;
    for (JournalEntry j : journal) {
      if ("schedule-create".equals(j.route()) && j.status() / 100 == 2) {
        created.add(j.connectionId());
      } else if ("schedule-list".equals(j.route()) && !created.contains(j.connectionId())) {
        reads++;
      }
    }
    return reads;
  }

  /** Requests answered 429, any route. */
  long count429() {
    return journal.stream().filter(j -> j.status() == 429).count();
  }
}
