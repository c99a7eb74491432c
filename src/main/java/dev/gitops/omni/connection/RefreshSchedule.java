package dev.gitops.omni.connection;

/**
 * A schema-refresh schedule of one connection: Omni's 6-field cron (EventBridge form) and an IANA
 * time zone. {@code id} is Omni's schedule id, null for a schedule not created yet.
 */
public record RefreshSchedule(String id, String schedule, String timezone) {
  /** The same schedule without its id: what the spec says and Omni compares. */
  public RefreshSchedule withoutId() {
    return new RefreshSchedule(null, schedule, timezone);
  }

  /** Whether Omni's schedule says what {@code desired} says (ids aside). */
  public boolean sameAs(RefreshSchedule desired) {
    return schedule.equals(desired.schedule()) && timezone.equals(desired.timezone());
  }
}
