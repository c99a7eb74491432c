package dev.gitops.omni.core;

import dev.gitops.omni.connection.RefreshSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a connection's schema-refresh schedules in Omni equal the spec's list: the schedules
 * to create, the ones to change in place (an Omni schedule nobody asked for turned into a missing
 * one: one PUT instead of a DELETE and a POST), and the ones to delete. Pure: planned from the spec
 * and Omni's answer alone (docs/neighbours.md).
 *
 * @param kept Omni's schedules that already match one in the spec
 * @param updates Omni's schedules (by id) given another cron or zone
 */
public record SchedulePlan(
    List<RefreshSchedule> kept,
    List<RefreshSchedule> creates,
    List<RefreshSchedule> updates,
    List<RefreshSchedule> deletes) {

  /** The plan for {@code desired} (ids ignored) against Omni's {@code observed} schedules. */
  public static SchedulePlan of(List<RefreshSchedule> desired, List<RefreshSchedule> observed) {
    List<RefreshSchedule> missing = new ArrayList<>();
    List<RefreshSchedule> extra = new ArrayList<>(observed);
    List<RefreshSchedule> kept = new ArrayList<>();
    for (RefreshSchedule want : desired) {
      RefreshSchedule match = extra.stream().filter(o -> o.sameAs(want)).findFirst().orElse(null);
      if (match != null) {
        extra.remove(match);
        kept.add(match);
      } else {
        missing.add(want.withoutId());
      }
    }
    List<RefreshSchedule> updates = new ArrayList<>();
    while (!missing.isEmpty() && !extra.isEmpty()) {
      RefreshSchedule reuse = extra.remove(0);
      RefreshSchedule want = missing.remove(0);
      updates.add(new RefreshSchedule(reuse.id(), want.schedule(), want.timezone()));
    }
    return new SchedulePlan(
        List.copyOf(kept), List.copyOf(missing), List.copyOf(updates), List.copyOf(extra));
  }

  /** Omni already has exactly the spec's schedules. */
  public boolean inSync() {
    return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  /** "create 1, update 1, delete 2" for messages and {@code plan}. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (!creates.isEmpty()) {
      parts.add("create " + creates.size());
    }
    if (!updates.isEmpty()) {
      parts.add("update " + updates.size());
    }
    if (!deletes.isEmpty()) {
      parts.add("delete " + deletes.size());
    }
    return parts.isEmpty() ? "in sync" : String.join(", ", parts);
  }
}
