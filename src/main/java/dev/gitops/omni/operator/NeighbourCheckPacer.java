package dev.gitops.omni.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Spaces one instance's periodic neighbour checks so that they never crowd out creates and edits,
 * neither in the request budget nor on the reconcile threads (docs/neighbours.md, "Pace").
 *
 * <p>A mass create makes every connection's check due an interval later, at the pace of the
 * creates. Run as they come due, those checks fill the reconcile threads' queue, and an edit behind
 * them waits for a thread although the budget has room. Instead, each check that comes due is given
 * a slot: slots are at least the spare budget's spacing apart ({@code 61 s / (R − 1 − reserve)})
 * and at least the checks' own duration divided by the threads they may use, so on average no more
 * than that many threads are busy with checks. A check whose slot lies ahead is told to come back
 * then (one short reconcile without an Omni call); at its slot it goes, if the budget still has a
 * spare request. Decision record: docs/decisions/0007-neighbour-check-pacing.md.
 */
final class NeighbourCheckPacer implements CheckAdmission {
  /** A timer may fire this much before its slot: close enough to go. */
  static final Duration EARLY = Duration.ofMillis(5);

  /** Weight of the newest check's duration in the running average. */
  static final double WEIGHT = 0.2;

  private final Clock clock;
  private final BooleanSupplier spare;
  private final Duration budgetSpacing;
  private final int threads;
  private final Map<String, Instant> slots = new HashMap<>();
  private Instant next = Instant.MIN;
  private double averageNanos;
  private int pruneAbove = 1024;

  /**
   * @param spare whether the budget has a request nobody else needs now
   * @param spareRequests requests per 61 s the checks may use: R − 1 − the reserve
   * @param threads reconcile threads the checks may keep busy on average
   */
  NeighbourCheckPacer(Clock clock, BooleanSupplier spare, int spareRequests, int threads) {
    this.clock = clock;
    this.spare = spare;
    this.budgetSpacing = RequestBudget.WINDOW.dividedBy(Math.max(1, spareRequests));
    this.threads = Math.max(1, threads);
  }

  @Override
  public synchronized Duration admit(String key) {
    Instant now = clock.instant();
    Instant slot = slots.get(key);
    if (slot == null) {
      slot = next.isAfter(now) ? next : now;
      next = slot.plus(spacing());
      if (Duration.between(now, slot).compareTo(EARLY) > 0) {
        slots.put(key, slot);
        prune(now);
        return Duration.between(now, slot);
      }
    } else if (Duration.between(now, slot).compareTo(EARLY) > 0) {
      return Duration.between(now, slot);
    } else {
      slots.remove(key);
    }
    return spare.getAsBoolean() ? null : ScheduleSync.NO_SPARE_WAIT;
  }

  @Override
  public synchronized void took(Duration elapsed) {
    double nanos = Math.max(0, elapsed.toNanos());
    averageNanos = averageNanos == 0 ? nanos : averageNanos + WEIGHT * (nanos - averageNanos);
  }

  /** The time between two slots now. */
  synchronized Duration spacing() {
    Duration byThreads = Duration.ofNanos((long) (averageNanos / threads));
    return byThreads.compareTo(budgetSpacing) > 0 ? byThreads : budgetSpacing;
  }

  /** Checks waiting for their slot (a resource deleted meanwhile leaves one: pruned). */
  synchronized int waiting() {
    return slots.size();
  }

  private void prune(Instant now) {
    if (slots.size() <= pruneAbove) {
      return;
    }
    // a slot long past was left by a resource that went away, or checked since another way
    Instant stale = now.minus(RequestBudget.WINDOW);
    slots.values().removeIf(s -> s.isBefore(stale));
    pruneAbove = Math.max(1024, slots.size() * 2);
  }
}
