package dev.gitops.omni.core;

import dev.gitops.omni.core.Outcome.State;
import dev.gitops.omni.model.StatusCondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an {@link Outcome} into the four conditions GitOps tools read (see README, "Condition
 * reasons" and "With Argo CD or Flux"): Ready, Synced, and the kstatus pair Reconciling / Stalled.
 * A condition keeps its lastTransitionTime while its status is unchanged.
 */
public final class StatusBuilder {
  private StatusBuilder() {}

  public static final String READY = "Ready";
  public static final String SYNCED = "Synced";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  public static List<StatusCondition> conditions(
      List<StatusCondition> previous, long generation, Outcome o, Instant now) {
    State s = o.state();
    String ready =
        switch (s) {
          case READY -> "True";
          case PAUSED -> previousStatus(previous, READY).orElse("Unknown");
          default -> "False";
        };
    String readyReason =
        s == State.PAUSED && !"Unknown".equals(ready)
            ? previous(previous, READY).map(StatusCondition::getReason).orElse(o.reason().text())
            : o.reason().text();
    String readyMessage =
        s == State.PAUSED && !"Unknown".equals(ready)
            ? previous(previous, READY).map(StatusCondition::getMessage).orElse(o.message())
            : o.message();
    List<StatusCondition> out = new ArrayList<>(4);
    out.add(condition(previous, READY, ready, readyReason, readyMessage, generation, now));
    out.add(
        condition(
            previous,
            SYNCED,
            bool(s == State.READY),
            o.reason().text(),
            o.message(),
            generation,
            now));
    boolean reconciling = s == State.IN_PROGRESS || s == State.RETRYING;
    out.add(
        condition(
            previous,
            RECONCILING,
            bool(reconciling),
            o.reason().text(),
            reconciling ? o.message() : "",
            generation,
            now));
    boolean stalled = s == State.STALLED;
    out.add(
        condition(
            previous,
            STALLED,
            bool(stalled),
            o.reason().text(),
            stalled ? o.message() : "",
            generation,
            now));
    return out;
  }

  /** The status ("True", "False", "Unknown") of a condition type, if present. */
  public static Optional<String> previousStatus(List<StatusCondition> list, String type) {
    return previous(list, type).map(StatusCondition::getStatus);
  }

  /** The condition of a type in {@code list}, if present. */
  public static Optional<StatusCondition> previous(List<StatusCondition> list, String type) {
    return list == null
        ? Optional.empty()
        : list.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static StatusCondition condition(
      List<StatusCondition> previous,
      String type,
      String status,
      String reason,
      String message,
      long generation,
      Instant now) {
    String since =
        previous(previous, type)
            .filter(p -> status.equals(p.getStatus()) && p.getLastTransitionTime() != null)
            .map(StatusCondition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    StatusCondition c = new StatusCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message == null ? "" : message);
    c.setObservedGeneration(generation);
    c.setLastTransitionTime(since);
    return c;
  }

  private static String bool(boolean b) {
    return b ? "True" : "False";
  }
}
