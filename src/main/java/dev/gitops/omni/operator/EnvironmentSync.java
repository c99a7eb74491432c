package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.EnvironmentLinkStatus;
import dev.gitops.omni.model.EnvironmentOf;
import dev.gitops.omni.model.OmniConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Keeps Omni's environment record of a managed connection equal to spec.environmentOf
 * (docs/neighbours.md): linked to the base's connection with the spec's values, relinked when the
 * base's connection changes, unlinked when environmentOf goes. At once after a change, otherwise
 * once per interval from spare budget. {@link EnvironmentLinkCalls} makes the calls.
 */
final class EnvironmentSync {
  /** How long a link waits for its base to have a connection before looking again. */
  static final Duration BASE_WAIT = Duration.ofSeconds(10);

  private final Events events;
  private final Clock clock;
  private final CheckAdmission admission;
  private final SharedEnvironmentLinks links;

  /** Checks the budget cut short: their next turn carries on without asking for a slot again. */
  private final java.util.Set<String> cutShort = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param admission whether a periodic check may call Omni now (spare budget, its pace)
   */
  EnvironmentSync(Events events, Clock clock, CheckAdmission admission) {
    this.events = events;
    this.clock = clock;
    this.admission = admission;
    this.links = new SharedEnvironmentLinks(clock);
  }

  /** After a reconcile that left the connection Ready; the step's next look no later than due. */
  Step after(Step step, ReconcileIo io, Duration interval) {
    OmniConnection r = step.resource();
    NeighbourClient omni = io.neighbours();
    if (omni == null && r.getSpec().environmentOf != null) {
      // the unstable API has no environment links: say so rather than ignore the field
      var s = new EnvironmentLinkStatus();
      s.inSync = false;
      s.message = "Omni's unstable API has no environment links: use apiPrefix v1 to manage them";
      step.status().environmentLink = s;
      return step;
    }
    if (omni == null || !NeighbourTurns.looksAfter(step)) {
      return step;
    }
    var status = step.status();
    EnvironmentOf env = r.getSpec().environmentOf;
    String self = status.connectionId;
    EnvironmentLinkStatus link = status.environmentLink;
    Duration next;
    try {
      if (env == null) {
        if (link == null) {
          return step;
        }
        forget(PlanInputCollector.key(r));
        if (link.id != null) {
          EnvironmentLinkCalls.unlink(omni, link.id);
          events.normal(r, Reason.ENVIRONMENT_UNLINKED, "environment link removed in Omni");
        }
        status.environmentLink = null;
        return step;
      }
      String base =
          io.resources()
              .byName(r.getMetadata().getNamespace(), env.name)
              .map(b -> b.getStatus() == null ? null : b.getStatus().connectionId)
              .orElse(null);
      EnvironmentLinkStatus s = link == null ? new EnvironmentLinkStatus() : copy(link);
      status.environmentLink = s;
      next = sync(r, env, self, base, s, omni, interval);
    } catch (BudgetExhaustedException e) {
      cutShort.add(check(r));
      next = e.retryAfter().orElse(Duration.ofSeconds(1)).plus(FailurePolicy.AFTER_RESERVATION);
    } catch (OmniApiException e) {
      EnvironmentLinkStatus s = status.environmentLink;
      if (s != null) {
        s.inSync = false;
        s.message =
            e.getMessage() + (e.retryable() ? "; retrying" : "; tried again every interval");
      }
      if (!e.retryable()) {
        events.warning(r, Reason.ENVIRONMENT_FAILED, e.getMessage());
      }
      next = e.retryable() ? Duration.ofSeconds(10) : interval;
    }
    return new Step(r, status, step.outcome(), step.requeue()).noLaterThan(next);
  }

  private Duration sync(
      OmniConnection r,
      EnvironmentOf env,
      String self,
      String base,
      EnvironmentLinkStatus s,
      NeighbourClient omni,
      Duration interval) {
    Instant now = clock.instant();
    long generation = NeighbourTurns.generation(r);
    if (base == null) {
      s.inSync = false;
      s.message = "waiting for the base OmniConnection " + env.name + " to have a connection";
      return BASE_WAIT;
    }
    boolean changed =
        !Long.valueOf(generation).equals(s.observedGeneration) || !base.equals(s.baseConnectionId);
    Duration notDue =
        changed ? null : NeighbourTurns.notDueFor(s.inSync, s.lastCheckTime, interval, now);
    if (notDue != null) {
      return notDue;
    }
    // a spec change goes at once, and so does a check the budget cut short (it holds the budget's
    // reservation) and a link not in sync
    String check = check(r);
    boolean resuming = cutShort.remove(check);
    boolean paced = !changed && Boolean.TRUE.equals(s.inSync) && !resuming;
    // a periodic check takes Omni's list as another check read it this interval
    Duration listAge = paced ? interval : Duration.ZERO;
    return admission.run(
        check, paced, () -> link(r, env, self, base, s, omni, interval, listAge, now));
  }

  /** What is kept for resource {@code key} (ns/name), dropped: the field went, or the resource. */
  void forget(String key) {
    cutShort.remove("environment/" + key);
    admission.release("environment/" + key);
  }

  private static String check(OmniConnection r) {
    return "environment/" + PlanInputCollector.key(r);
  }

  private Duration link(
      OmniConnection r,
      EnvironmentOf env,
      String self,
      String base,
      EnvironmentLinkStatus s,
      NeighbourClient omni,
      Duration interval,
      Duration listAge,
      Instant now) {
    Optional<EnvironmentLink> known =
        s.id == null
            ? Optional.empty()
            : Optional.of(
                new EnvironmentLink(s.id, s.baseConnectionId, self, s.userAttributeValues));
    EnvironmentLinkCalls.Result done;
    try {
      done =
          EnvironmentLinkCalls.apply(
              omni,
              links.read(omni, listAge),
              self,
              base,
              env.userAttributeValues,
              known,
              id -> {
                // kept even if setting its values fails next
                s.id = id;
                s.baseConnectionId = base;
                s.userAttributeValues = List.of();
              });
    } catch (RuntimeException e) {
      links.changed();
      throw e;
    }
    if (done.changed() != null) {
      links.changed();
    }
    s.id = done.id();
    s.baseConnectionId = base;
    s.userAttributeValues = List.copyOf(env.userAttributeValues);
    s.inSync = true;
    s.observedGeneration = NeighbourTurns.generation(r);
    s.lastCheckTime = now.toString();
    s.message =
        "an environment of "
            + env.name
            + " for "
            + String.join(", ", new HashSet<>(env.userAttributeValues).stream().sorted().toList());
    if (done.changed() != null) {
      events.normal(r, Reason.ENVIRONMENT_LINKED, done.changed());
    }
    return interval;
  }

  private static EnvironmentLinkStatus copy(EnvironmentLinkStatus s) {
    return Json.copy(s, EnvironmentLinkStatus.class);
  }
}
