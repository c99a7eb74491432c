package dev.gitops.omni.cli;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import dev.gitops.omni.core.SchedulePlan;
import dev.gitops.omni.model.RefreshScheduleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code plan} says about a connection's schema-refresh schedules when its spec sets
 * schemaRefreshSchedules: the operator's {@link SchedulePlan} against the schedules Omni holds for
 * the connection (one GET), or, for a connection still to be created, every schedule a create.
 *
 * @param status {@code change}, {@code inSync}, {@code unavailable} (the unstable API) or {@code
 *     unreadable} (Omni did not answer with the schedules)
 * @param plan the plan, null when unavailable or unreadable
 * @param observed Omni's schedules read for it (empty for a new connection)
 * @param message why there is no plan, null with one
 */
record PlanSchedules(
    String status, SchedulePlan plan, List<RefreshSchedule> observed, String message) {

  /** The plan for {@code row}'s {@code desired} schedules, reading Omni through {@code reads}. */
  static PlanSchedules of(PlanRow row, List<RefreshScheduleSpec> desired, NeighbourReads reads) {
    if (!reads.available()) {
      return new PlanSchedules("unavailable", null, List.of(), NeighbourReads.UNSTABLE);
    }
    List<RefreshSchedule> want =
        desired.stream().map(d -> new RefreshSchedule(null, d.schedule, d.timezone)).toList();
    List<RefreshSchedule> observed = List.of();
    if (!PlanNeighbours.createsConnection(row)) {
      try {
        observed = reads.schedules(row.connectionId());
      } catch (OmniApiException e) {
        String hint =
            e.kind() == OmniFailure.NOT_FOUND
                ? " (the connection's schema model may not exist yet: open the connection in Omni"
                    + " once)"
                : "";
        return new PlanSchedules(
            "unreadable", null, List.of(), "could not be read: " + e.getMessage() + hint);
      }
    }
    SchedulePlan plan = SchedulePlan.of(want, observed);
    return new PlanSchedules(plan.inSync() ? "inSync" : "change", plan, observed, null);
  }

  boolean isChange() {
    return status.equals("change");
  }

  boolean isError() {
    return status.equals("unreadable");
  }

  /** The text table's cell: {@code create 1, delete 2}, {@code in sync}, ... */
  String cell() {
    return switch (status) {
      case "unavailable" -> "not on unstable API";
      case "unreadable" -> "not read";
      default -> plan.summary();
    };
  }

  /** What the DETAILS column adds, null when in sync. */
  String detail() {
    if (plan == null) {
      return "schedules " + message;
    }
    if (plan.inSync()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    plan.creates().forEach(c -> parts.add("create " + text(c)));
    plan.updates().forEach(u -> parts.add("update " + u.id() + " " + was(u) + " -> " + text(u)));
    plan.deletes().forEach(d -> parts.add("delete " + d.id() + " " + text(d)));
    return "schedules: " + String.join(", ", parts);
  }

  /** The {@code schedules} object of {@code -o json}. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (plan == null) {
      m.put("message", message);
      return m;
    }
    m.put("summary", plan.summary());
    m.put("creates", list(plan.creates(), s -> schedule(null, s)));
    m.put(
        "updates",
        list(
            plan.updates(),
            u -> {
              Map<String, Object> one = schedule(u.id(), u);
              one.put("was", schedule(null, observed(u.id())));
              return one;
            }));
    m.put("deletes", list(plan.deletes(), d -> schedule(d.id(), d)));
    m.put("kept", list(plan.kept(), k -> schedule(k.id(), k)));
    return m;
  }

  private RefreshSchedule observed(String id) {
    return observed.stream().filter(o -> id.equals(o.id())).findFirst().orElseThrow();
  }

  private String was(RefreshSchedule update) {
    return text(observed(update.id()));
  }

  private static String text(RefreshSchedule s) {
    return "'" + s.schedule() + "' " + s.timezone();
  }

  private static List<Map<String, Object>> list(
      List<RefreshSchedule> schedules, Function<RefreshSchedule, Map<String, Object>> shape) {
    return schedules.stream().map(shape).toList();
  }

  private static Map<String, Object> schedule(String id, RefreshSchedule s) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("schedule", s.schedule());
    m.put("timezone", s.timezone());
    return m;
  }
}
