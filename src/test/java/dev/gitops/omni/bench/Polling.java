package dev.gitops.omni.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in the benchmark harness: polls a condition, or pauses between steps. */
final class Polling {
  private Polling() {}

  /** Polls {@code condition} every {@code every} until it holds or {@code atMost} has passed. */
  static boolean waitFor(BooleanSupplier condition, Duration atMost, Duration every) {
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(every);
    }
    return condition.getAsBoolean();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
