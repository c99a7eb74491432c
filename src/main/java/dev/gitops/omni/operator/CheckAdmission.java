package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

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

  /** Admits whenever the budget has a spare request, without spacing (tests, simple wiring). */
  static CheckAdmission whenSpare(BooleanSupplier spare) {
    return key -> spare.getAsBoolean() ? null : ScheduleSync.NO_SPARE_WAIT;
  }
}
