package dev.gitops.omni.core;

/**
 * How a reconcile ended, in the terms the conditions speak: built by a driver, turned into
 * conditions by {@link StatusBuilder}.
 *
 * @param reason why, as conditions and events say it
 * @param message plain words, never a secret
 */
public record Outcome(State state, Reason reason, String message) {

  /** The kstatus-relevant state. */
  public enum State {
    /** Omni matches the spec (or, observe-only, would need no change). */
    READY,
    /** A create, update or delete is under way. */
    IN_PROGRESS,
    /** A retryable failure (429, 5xx, timeout): the operator retries by itself. */
    RETRYING,
    /** Needs a human: bad spec, missing Secret, 400, 401/403, conflict, replacement, drift. */
    STALLED,
    /** The paused annotation is set: nothing is written to Omni. */
    PAUSED
  }

  /**
   * Said on a Ready resource (and by plan) when deletionPolicy Delete meets the unstable API, which
   * has no DELETE: the policy cannot be carried out, and deleting the resource orphans.
   */
  public static final String UNSTABLE_CANNOT_ARCHIVE =
      "; note: deletionPolicy Delete cannot archive through the unstable API, so deleting this"
          + " resource will leave the connection in Omni (use --api-prefix v1)";

  /** This outcome with {@link #UNSTABLE_CANNOT_ARCHIVE} added, when it is Ready. */
  public Outcome warnUnstableDelete() {
    return state == State.READY
        ? new Outcome(state, reason, message + UNSTABLE_CANNOT_ARCHIVE)
        : this;
  }

  public static Outcome ready(Reason reason, String message) {
    return new Outcome(State.READY, reason, message);
  }

  public static Outcome inProgress(Reason reason, String message) {
    return new Outcome(State.IN_PROGRESS, reason, message);
  }

  public static Outcome retrying(Reason reason, String message) {
    return new Outcome(State.RETRYING, reason, message);
  }

  public static Outcome stalled(Reason reason, String message) {
    return new Outcome(State.STALLED, reason, message);
  }

  public static Outcome paused(String message) {
    return new Outcome(State.PAUSED, Reason.PAUSED, message);
  }
}
