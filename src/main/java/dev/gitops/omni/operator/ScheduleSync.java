package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.RefreshSchedule;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.SchedulePlan;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.ScheduleSyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes Omni's schema-refresh schedules of a managed connection equal spec.schemaRefreshSchedules
 * (docs/neighbours.md). After a spec change (or a new connection) at once, in the same reconcile;
 * otherwise once per interval, only from spare budget and at the pace {@link CheckAdmission} gives,
 * so creates and edits always go first, for requests and for reconcile threads. A 404 right after
 * the connection's create is retried a few times, then reported ({@link ScheduleFailures}).
 */
final class ScheduleSync {
  /** What the status says on an API without schedules. */
  static final String NO_API =
      "Omni's unstable API has no schema-refresh schedules: use apiPrefix v1 to manage them";

  /** How long a periodic check waits when the budget has no spare request. */
  static final Duration NO_SPARE_WAIT = Duration.ofSeconds(15);

  private final Events events;
  private final Clock clock;
  private final CheckAdmission admission;
  private final java.util.function.Predicate<String> justCreated;
  private final ScheduleFailures failures;

  /** Omni's schedules as an attempt cut short by the budget left them, by resource. */
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  private record Seen(List<RefreshSchedule> schedules, Instant at) {}

  /**
   * How long what an interrupted attempt saw is trusted instead of reading again: as long as a full
   * budget's queue can make it wait (at 60/min, 300 calls take five minutes); a schedule someone
   * added meanwhile is found at the next periodic check.
   */
  static final Duration SEEN_FOR = Duration.ofMinutes(15);

  /**
   * @param admission whether a periodic check may call Omni now (spare budget, its pace)
   * @param justCreated whether this operator created the connection moments ago: it has no
   *     schedules yet, and the first check creates them without reading them first
   */
  ScheduleSync(
      Events events,
      Clock clock,
      CheckAdmission admission,
      java.util.function.Predicate<String> justCreated) {
    this.events = events;
    this.clock = clock;
    this.admission = admission;
    this.justCreated = justCreated;
    this.failures = new ScheduleFailures(events, clock);
  }

  /**
   * After a reconcile that left a managed connection Ready: its schedules checked or repaired (when
   * due), and the step's next look no later than the next check. Observe-only and paused resources
   * and APIs without schedules are left alone.
   */
  Step after(Step step, NeighbourClient omni, Duration interval) {
    OmniConnection r = step.resource();
    if (omni == null && r.getSpec().schemaRefreshSchedules != null) {
      // the unstable API has no schedules: say so rather than ignore the field
      var s = new ScheduleSyncStatus();
      s.inSync = false;
      s.message = NO_API;
      step.status().schemaRefreshSchedules = s;
      return step;
    }
    if (omni == null || !NeighbourTurns.looksAfter(step)) {
      return step;
    }
    return step.noLaterThan(sync(r, step.status().connectionId, step.status(), omni, interval));
  }

  /**
   * Checks and repairs the schedules of {@code r}, managed as {@code connectionId}; sets the
   * status's schedule fields. Returns when to look again (null: nothing scheduled).
   *
   * @param interval how often the schedules are read without a spec change
   */
  Duration sync(
      OmniConnection r,
      String connectionId,
      dev.gitops.omni.model.OmniConnectionStatus status,
      NeighbourClient omni,
      Duration interval) {
    var desired = r.getSpec().schemaRefreshSchedules;
    String key = PlanInputCollector.key(r);
    String check = "schedules/" + key;
    if (desired == null || connectionId == null) {
      if (status.schemaRefreshSchedules != null) {
        // the field went: nothing of it is needed any more
        forget(key);
        status.schemaRefreshSchedules = null;
      }
      return null;
    }
    // never tried, on a connection just created: nothing to read (a failed try is read after)
    boolean fresh = status.schemaRefreshSchedules == null && justCreated.test(connectionId);
    ScheduleSyncStatus s =
        status.schemaRefreshSchedules == null
            ? new ScheduleSyncStatus()
            : Json.copy(status.schemaRefreshSchedules, ScheduleSyncStatus.class);
    status.schemaRefreshSchedules = s;
    long generation = NeighbourTurns.generation(r);
    Instant now = clock.instant();
    boolean changed = !Long.valueOf(generation).equals(s.observedGeneration);
    Duration notDue =
        changed ? null : NeighbourTurns.notDueFor(s.inSync, s.lastCheckTime, interval, now);
    if (notDue != null) {
      return notDue;
    }
    // a spec change goes at once, and so does an attempt the budget cut short: it holds the
    // budget's reservation, and asking for spare budget again would wait for itself
    boolean paced = !changed && !resuming(key);
    return admission.run(
        check, paced, () -> repair(r, connectionId, s, fresh, now, omni, interval));
  }

  /** Reads (unless known) and repairs the schedules; sets {@code s}; returns when to look again. */
  private Duration repair(
      OmniConnection r,
      String connectionId,
      ScheduleSyncStatus s,
      boolean fresh,
      Instant now,
      NeighbourClient omni,
      Duration interval) {
    String key = PlanInputCollector.key(r);
    long generation = NeighbourTurns.generation(r);
    try {
      var desired = r.getSpec().schemaRefreshSchedules;
      List<RefreshSchedule> want =
          desired.stream().map(d -> new RefreshSchedule(null, d.schedule, d.timezone)).toList();
      List<RefreshSchedule> current = new ArrayList<>(observed(key, connectionId, fresh, omni));
      SchedulePlan plan = SchedulePlan.of(want, current);
      List<String> ids = new ArrayList<>();
      plan.kept().forEach(k -> ids.add(k.id()));
      for (RefreshSchedule u : plan.updates()) {
        omni.updateSchedule(connectionId, u.id(), u.withoutId());
        current.replaceAll(c -> c.id().equals(u.id()) ? u : c);
        seen.put(key, new Seen(List.copyOf(current), clock.instant()));
        ids.add(u.id());
      }
      for (RefreshSchedule c : plan.creates()) {
        RefreshSchedule made = omni.createSchedule(connectionId, c);
        current.add(made);
        seen.put(key, new Seen(List.copyOf(current), clock.instant()));
        ids.add(made.id());
      }
      for (RefreshSchedule d : plan.deletes()) {
        omni.deleteSchedule(connectionId, d.id());
        current.removeIf(c -> c.id().equals(d.id()));
        seen.put(key, new Seen(List.copyOf(current), clock.instant()));
      }
      seen.remove(key);
      failures.succeeded(key);
      s.ids = ids;
      s.inSync = true;
      s.observedGeneration = generation;
      s.lastCheckTime = now.toString();
      s.message = want.size() + (want.size() == 1 ? " schedule matches" : " schedules match");
      if (!plan.inSync()) {
        s.message += " (" + plan.summary() + ")";
        events.normal(r, Reason.SCHEDULES_UPDATED, "schema-refresh schedules: " + plan.summary());
      }
      return interval;
    } catch (BudgetExhaustedException e) {
      // what was read and done stays in `seen`: the next turn carries on without reading again,
      // so each turn of the budget's queue moves the schedules forward
      return e.retryAfter().orElse(Duration.ofSeconds(1)).plus(FailurePolicy.AFTER_RESERVATION);
    } catch (OmniApiException e) {
      seen.remove(key);
      return failures.failed(r, key, s, e, generation, interval);
    }
  }

  /** What is kept for resource {@code key} (ns/name), dropped: the field went, or the resource. */
  void forget(String key) {
    seen.remove(key);
    failures.succeeded(key);
    admission.release("schedules/" + key);
  }

  /** An attempt the budget cut short lately left what it saw: the next turn carries it on. */
  private boolean resuming(String key) {
    Seen last = seen.get(key);
    return last != null && last.at().plus(SEEN_FOR).isAfter(clock.instant());
  }

  /**
   * Omni's schedules: none for a connection just created here, what an attempt the budget cut short
   * last saw and did (if recent), else read now.
   */
  private List<RefreshSchedule> observed(
      String key, String connectionId, boolean fresh, NeighbourClient omni) {
    Seen last = seen.get(key);
    if (last != null && resuming(key)) {
      return last.schedules();
    }
    List<RefreshSchedule> now = fresh ? List.of() : omni.schedules(connectionId);
    seen.put(key, new Seen(now, clock.instant()));
    return now;
  }
}
