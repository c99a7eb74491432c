package dev.gitops.omni.operator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests a {@link RequestBudget} has promised to callers that must wait: one due time per
 * owner, and how many are due at each time. Used under the budget's lock.
 */
final class BudgetReservations {
  private final Map<String, Long> reservations = new HashMap<>();
  private final TreeMap<Long, Integer> pending = new TreeMap<>();

  /** When the owner's reserved request is due, or null. */
  Long dueOf(String owner) {
    return reservations.get(owner);
  }

  /** Reserves a request for {@code owner} at {@code slot}, replacing its earlier one. */
  void reserve(String owner, long slot) {
    unreserve(owner);
    reservations.put(owner, slot);
    pending.merge(slot, 1, Integer::sum);
  }

  void unreserve(String owner) {
    Long due = reservations.remove(owner);
    if (due != null) {
      pending.computeIfPresent(due, (t, n) -> n == 1 ? null : n - 1);
    }
  }

  /** The latest due time reserved, or MIN_VALUE. */
  long latest() {
    return pending.isEmpty() ? Long.MIN_VALUE : pending.lastKey();
  }

  /** Forgets reservations due before {@code t}: nobody came back for them. */
  void forgetOlderThan(long t) {
    List<String> stale =
        reservations.entrySet().stream()
            .filter(e -> e.getValue() < t)
            .map(Map.Entry::getKey)
            .toList();
    stale.forEach(this::unreserve);
  }

  /** The k-th newest of the sent and reserved times together, or MIN_VALUE when there are fewer. */
  long kthNewest(int k, SendLog sent) {
    var reserved = pending.descendingMap().entrySet().iterator();
    Map.Entry<Long, Integer> entry = reserved.hasNext() ? reserved.next() : null;
    int left = entry == null ? 0 : entry.getValue();
    int s = 0;
    for (int seen = 0; ; seen++) {
      boolean haveSent = s < sent.size();
      if (entry == null && !haveSent) {
        return Long.MIN_VALUE;
      }
      long t;
      if (entry != null && (!haveSent || entry.getKey() >= sent.newest(s))) {
        t = entry.getKey();
        if (--left == 0) {
          entry = reserved.hasNext() ? reserved.next() : null;
          left = entry == null ? 0 : entry.getValue();
        }
      } else {
        t = sent.newest(s++);
      }
      if (seen == k) {
        return t;
      }
    }
  }
}
