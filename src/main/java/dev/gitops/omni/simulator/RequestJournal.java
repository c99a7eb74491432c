package dev.gitops.omni.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent requests, oldest first, bounded so a long soak cannot exhaust memory. */
final class RequestJournal {
  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private final int capacity;

  RequestJournal(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(JournalEntry entry) {
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.pollFirst();
    }
    entries.addLast(entry);
  }

  synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
