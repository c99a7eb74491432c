package dev.gitops.omni.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's {@code description} of a schedule, derived from its cron as Omni derives one.
 * Omni's exact wording is not documented, so this is the simulator's own short English: {@code "At
 * 09:00, every day"}, {@code "Every 15 minutes, on MON-FRI"}, {@code "At 06:30, on day 1 of the
 * month, in JAN"}. A client must never parse it.
 */
final class CronDescriber {
  private CronDescriber() {}

  /** Describes the six fields of a valid expression (see {@link EventBridgeCronRule#check}). */
  static String describe(List<String> f) {
    List<String> parts = new ArrayList<>();
    parts.add(time(f.get(0), f.get(1)));
    String dom = f.get(2);
    String dow = f.get(4);
    if (isAny(dom) && isAny(dow)) {
      parts.add("every day");
    } else if (!isAny(dow)) {
      parts.add("on " + dow.toUpperCase(Locale.ROOT));
    } else {
      parts.add("on day " + dom + " of the month");
    }
    if (!f.get(3).equals("*")) {
      parts.add("in " + f.get(3).toUpperCase(Locale.ROOT));
    }
    if (!f.get(5).equals("*")) {
      parts.add("in " + f.get(5));
    }
    return String.join(", ", parts);
  }

  private static String time(String minutes, String hours) {
    Integer m = plain(minutes);
    Integer h = plain(hours);
    if (m != null && h != null) {
      return String.format("At %02d:%02d", h, m);
    }
    String everyMinutes = step(minutes);
    if (hours.equals("*")) {
      if (minutes.equals("*")) {
        return "Every minute";
      }
      if (everyMinutes != null) {
        return "Every " + everyMinutes + " minutes";
      }
      if (m != null) {
        return "At minute " + m + " of every hour";
      }
    }
    String everyHours = step(hours);
    if (m != null && everyHours != null) {
      return "At minute " + m + ", every " + everyHours + " hours";
    }
    return "At minutes " + minutes + " of hours " + hours;
  }

  private static boolean isAny(String field) {
    return field.equals("?") || field.equals("*");
  }

  /** The number of a field that is one plain number ({@code 09} is 9), else null. */
  private static Integer plain(String field) {
    return field.matches("\\d{1,2}") ? Integer.valueOf(field) : null;
  }

  /** {@code n} for {@code *}{@code /n} or {@code 0/n}, else null. */
  private static String step(String field) {
    if (field.startsWith("*/") || field.startsWith("0/")) {
      String n = field.substring(2);
      return n.matches("\\d{1,2}") ? String.valueOf(Integer.parseInt(n)) : null;
    }
    return null;
  }
}
