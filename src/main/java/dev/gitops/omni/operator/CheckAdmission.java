package dev.gitops.omni.operator;

import java.time.Duration;

/**
 * Whether a periodic check of a connection's neighbours (schedules, environment link) may call Omni
 * now. Checks after a spec change never ask: they go at once (docs/neighbours.md, "Pace").
 */
interface CheckAdmission {
  /**
   * @param key the check: the neighbour and the resource, e.g. {@code schedules/ns/name}
   * @return null: go now (and call {@link #done} after); else ask again after this long
   */
  Duration admit(String key);

  /** The check admitted for {@code key} is over: its Omni calls are answered or failed. */
  default void done(String key) {}

  /** The check for {@code key} went without asking (a spec change) or is no longer needed. */
  default void release(String key) {}

  /**
   * Runs the check {@code key}: at once when it is not {@code paced} (giving up any slot it held),
   * else once admitted, saying when it is done.
   *
   * @return when to look again: the check's answer, or the wait for admission
   */
  default Duration run(String key, boolean paced, java.util.function.Supplier<Duration> check) {
    if (!paced) {
      release(key);
      return check.get();
    }
    Duration wait = admit(key);
    if (wait != null) {
      return wait;
    }
    try {
      return check.get();
    } finally {
      done(key);
    }
  }
}
