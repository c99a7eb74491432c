package dev.gitops.omni.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One request the simulator answered (or dropped). It never holds a body value: only the top-level
 * JSON key names, so tests can assert "one PATCH carrying only baseRole" without secrets leaking.
 * The one exception is the name a create asks for, which is not a secret: it lets a create that
 * stored nothing (429, 5xx, 400) be attributed to the resource that sent it.
 *
 * @param api {@code v1}, {@code unstable}, or null for a path outside the API
 * @param route the route label ({@code list}, {@code get}, {@code create}, {@code patch}, {@code
 *     delete}, {@code schedule-list}, {@code schedule-get}, {@code schedule-create}, {@code
 *     schedule-update}, {@code schedule-delete}, {@code environment-list}, {@code
 *     environment-create}, {@code environment-update}, {@code environment-delete}, {@code
 *     invalid_method}, {@code unknown})
 * @param connectionId the connection id in the path, or the new id of a create; for a
 *     connection-environments call, the base connection's id (from the body or the record); null
 *     otherwise
 * @param itemId the schedule id or environment record id in the path, or the new id of a schedule
 *     create; null otherwise
 * @param status the HTTP status answered, or {@link #DROPPED} when the connection was closed
 *     without a response
 * @param bodyKeys the top-level key names of a JSON object body, in order; empty otherwise
 * @param name the connection name a create's body asks for, whatever the answer; null for other
 *     routes and for a create body without a string {@code name}
 * @param organisation the organisation of the request's token ({@link Organisations#DEFAULT} unless
 *     organisations are configured); null when no organisation has the token (401)
 */
public record JournalEntry(
    Instant timestamp,
    String method,
    String api,
    String route,
    String connectionId,
    String itemId,
    int status,
    List<String> bodyKeys,
    String name,
    String organisation) {

  /** The status recorded for a create whose response was dropped. */
  public static final int DROPPED = 0;

  public JournalEntry {
    bodyKeys = List.copyOf(bodyKeys);
  }

  public boolean dropped() {
    return status == DROPPED;
  }
}
