package dev.gitops.omni.operator;

import java.util.Arrays;

/**
 * The times (nanoTime) of the requests a {@link RequestBudget} has handed out, oldest first,
 * including reserved ones that lie in the future. A growable ring buffer, so finding the k-th
 * newest entry is O(1) however many requests a window holds.
 */
final class SendLog {
  private long[] times = new long[64];
  private int head;
  private int size;

  int size() {
    return size;
  }

  /** Appends {@code t}, which must not be older than the newest entry. */
  void add(long t) {
    if (size > 0 && t < newest(0)) {
      throw new IllegalArgumentException("send times must not go backwards");
    }
    if (size == times.length) {
      long[] grown = Arrays.copyOf(ordered(), times.length * 2);
      times = grown;
      head = 0;
    }
    times[(head + size) % times.length] = t;
    size++;
  }

  /** The {@code k}-th newest entry (0 is the newest). */
  long newest(int k) {
    if (k < 0 || k >= size) {
      throw new IndexOutOfBoundsException(k);
    }
    return times[(head + size - 1 - k) % times.length];
  }

  /** Drops every entry at or before {@code t}. */
  void dropUpTo(long t) {
    while (size > 0 && times[head] <= t) {
      head = (head + 1) % times.length;
      size--;
    }
  }

  private long[] ordered() {
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = times[(head + i) % times.length];
    }
    return out;
  }
}
