package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Spaces one instance's periodic neighbour checks so that they never crowd out creates and edits,
 * neither in the request budget nor on the reconcile threads (docs/neighbours.md, "Pace").
 *
 * <p>A mass create makes every connection's check due an interval later, at the pace of the
 * creates. Run as they come due, those checks fill the reconcile threads' queue, and an edit behind
 * them waits for a thread although the budget has room. Instead, each check that comes due is given
 * a slot: slots are at least the spare budget's spacing apart ({@code 61 s / (R − 1 − reserve)})
 * and at least the checks' average duration divided by their share of the threads, so on average
 * the checks keep no more than that share busy. A check whose slot lies ahead is told to come back
 * then (one short reconcile without an Omni call); at its slot it goes, if the budget still has a
 * spare request. Decision record: docs/decisions/0007-neighbour-check-pacing.md.
 */
final class NeighbourCheckPacer implements CheckAdmission {
  /** A timer may fire this much before its slot: close enough to go. */
  static final long EARLY = Duration.ofMillis(5).toNanos();

  /** A slot this far behind was left by a check that went another way: taken as none. */
  static final long STALE = RequestBudget.WINDOW.toNanos();

  /** Weight of the newest check's duration in the running average. */
  static final double WEIGHT = 0.2;

  /** The longest duration one check counts with (a check's calls can time out several times). */
  static final long LONGEST = Duration.ofSeconds(30).toNanos();

  private final LongSupplier nanoTime;
  private final BooleanSupplier spare;
  private final long budgetSpacing;
  private final double threads;
  private final Map<String, Long> slots = new HashMap<>();
  private final Map<String, Long> running = new HashMap<>();
  private long next;
  private long pruneAt;
  private double averageNanos = -1;

  /**
   * @param nanoTime a monotonic clock ({@code System::nanoTime})
   * @param spare whether the budget has a request nobody else needs now
   * @param spareRequests requests per 61 s the checks may use: R − 1 − the reserve (at least 1)
   * @param threads reconcile threads the checks may keep busy on average (may be a fraction)
   */
  NeighbourCheckPacer(
      LongSupplier nanoTime, BooleanSupplier spare, int spareRequests, double threads) {
    this.nanoTime = nanoTime;
    this.spare = spare;
    this.budgetSpacing = RequestBudget.WINDOW.toNanos() / Math.max(1, spareRequests);
    this.threads = Math.max(0.01, threads);
    this.next = nanoTime.getAsLong();
    this.pruneAt = next + STALE;
  }

  @Override
  public synchronized Duration admit(String key) {
    long now = nanoTime.getAsLong();
    prune(now);
    Long slot = slots.get(key);
    if (slot == null || now - slot > STALE) {
      slot = next - now > 0 ? next : now;
      next = slot + spacingNanos();
      slots.put(key, slot);
    }
    if (slot - now > EARLY) {
      return Duration.ofNanos(slot - now);
    }
    if (!spare.getAsBoolean()) {
      // keeps its place: back in NO_SPARE_WAIT without queueing behind every other check again
      slots.put(key, now + ScheduleSync.NO_SPARE_WAIT.toNanos());
      return ScheduleSync.NO_SPARE_WAIT;
    }
    slots.remove(key);
    running.put(key, now);
    return null;
  }

  @Override
  public synchronized void done(String key) {
    Long started = running.remove(key);
    if (started == null) {
      return;
    }
    double nanos = Math.min(LONGEST, Math.max(0, nanoTime.getAsLong() - started));
    averageNanos = averageNanos < 0 ? nanos : averageNanos + WEIGHT * (nanos - averageNanos);
  }

  @Override
  public synchronized void release(String key) {
    slots.remove(key);
  }

  /** The time between two slots now. */
  synchronized Duration spacing() {
    return Duration.ofNanos(spacingNanos());
  }

  private long spacingNanos() {
    long byThreads = averageNanos < 0 ? 0 : (long) (averageNanos / threads);
    return Math.max(budgetSpacing, byThreads);
  }

  /** Checks waiting for their slot. */
  synchronized int waiting() {
    return slots.size();
  }

  /** Once a window: forgets slots (and starts) left by resources that went away meanwhile. */
  private void prune(long now) {
    if (now - pruneAt < 0) {
      return;
    }
    slots.values().removeIf(s -> now - s > STALE);
    running.values().removeIf(s -> now - s > STALE);
    pruneAt = now + STALE;
  }
}
