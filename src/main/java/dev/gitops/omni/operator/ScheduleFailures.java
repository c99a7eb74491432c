package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.ScheduleSyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a failed schedule call means for {@link ScheduleSync}: a 404 right after the connection's
 * create is retried a few times (Omni may not know the connection's schedules yet), then reported;
 * other failures are retried or reported as the error says (docs/neighbours.md).
 */
final class ScheduleFailures {
  /** Tries of a schedule call answered 404 before the status says why and waits an interval. */
  static final int NOT_FOUND_TRIES = 5;

  private final Events events;
  private final Clock clock;
  private final Map<String, Integer> notFound = new ConcurrentHashMap<>();

  ScheduleFailures(Events events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** The schedules of resource {@code key} were read or written: 404s counted anew. */
  void succeeded(String key) {
    notFound.remove(key);
  }

  /** Sets the status's message for {@code e}; returns when to try again. */
  Duration failed(
      OmniConnection r,
      String key,
      ScheduleSyncStatus s,
      OmniApiException e,
      long generation,
      Duration interval) {
    s.inSync = false;
    s.lastCheckTime = clock.instant().toString();
    if (e.kind() == OmniFailure.NOT_FOUND) {
      int tries = notFound.merge(key, 1, Integer::sum);
      if (tries < NOT_FOUND_TRIES) {
        s.message =
            "Omni does not know this connection's schedules yet (404, try "
                + tries
                + " of "
                + NOT_FOUND_TRIES
                + "); retrying";
        return Duration.ofSeconds(1L << tries);
      }
      notFound.remove(key);
      s.observedGeneration = generation;
      s.message =
          "Omni answered 404 to the schedule calls "
              + NOT_FOUND_TRIES
              + " times: the connection's schema model may not exist yet (open the connection in"
              + " Omni once, or create its schema model); tried again every interval";
      events.warning(r, Reason.SCHEDULES_FAILED, s.message);
      return interval;
    }
    s.message = e.getMessage() + (e.retryable() ? "; retrying" : "; tried again every interval");
    if (!e.retryable()) {
      s.observedGeneration = generation;
      events.warning(r, Reason.SCHEDULES_FAILED, s.message);
      return interval;
    }
    return Duration.ofSeconds(10);
  }
}
