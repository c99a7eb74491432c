package dev.gitops.omni.core;

import dev.gitops.omni.model.RefreshScheduleSpec;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks on spec.schemaRefreshSchedules a CRD cannot make (or makes without the index): each
 * cron in Omni's 6-field form, with a message of its own for the usual 5-field one, and each time
 * zone a real IANA zone. Before any call, so Omni never sees a schedule it would refuse.
 */
final class ScheduleRules {
  private ScheduleRules() {}

  /** {@link RefreshScheduleSpec#CRON} as a Java pattern (the CRD's copy is escaped for CEL). */
  static final Pattern CRON = Pattern.compile(RefreshScheduleSpec.CRON.replace("\\\\", "\\"));

  /** The most schedules a connection may list (the CRD's maxItems keeps its CEL cost bounded). */
  static final int MAX = RefreshScheduleSpec.MAX_PER_CONNECTION;

  /** IANA region names (ZoneId.of also takes offsets like +02:00, which Omni refuses). */
  private static final java.util.Set<String> ZONES =
      java.util.Set.copyOf(ZoneId.getAvailableZoneIds());

  static void check(List<RefreshScheduleSpec> schedules, List<Violation> out) {
    if (schedules == null) {
      return;
    }
    if (schedules.size() > MAX) {
      out.add(
          new Violation(
              "spec.schemaRefreshSchedules",
              "spec.schemaRefreshSchedules has "
                  + schedules.size()
                  + " schedules: at most "
                  + MAX));
    }
    for (int i = 0; i < schedules.size(); i++) {
      RefreshScheduleSpec s = schedules.get(i);
      String at = "spec.schemaRefreshSchedules[" + i + "]";
      if (s == null || s.schedule == null || s.timezone == null) {
        out.add(new Violation(at, at + " needs both schedule and timezone"));
        continue;
      }
      cron(at + ".schedule", s.schedule, out);
      if (!ZONES.contains(s.timezone)) {
        out.add(
            new Violation(
                at + ".timezone",
                at
                    + ".timezone '"
                    + s.timezone
                    + "' is not an IANA time zone: use a name like Europe/Berlin,"
                    + " America/New_York or UTC"));
      }
    }
  }

  private static void cron(String field, String cron, List<Violation> out) {
    if (CRON.matcher(cron).matches()) {
      return;
    }
    int fields = cron.isBlank() ? 0 : cron.trim().split("\\s+").length;
    String hint =
        fields == 5
            ? ": '"
                + cron
                + "' has 5 fields (Unix cron); Omni also wants a year, and '?' in one"
                + " of the day fields, e.g. '0 9 ? * MON-FRI *'"
            : ": " + RefreshScheduleSpec.CRON_FORM;
    out.add(new Violation(field, field + " is not Omni's 6-field cron" + hint));
  }
}
