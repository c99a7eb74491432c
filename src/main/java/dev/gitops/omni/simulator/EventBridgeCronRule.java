package dev.gitops.omni.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The simulator's own copy of the rule for a schedule's {@code schedule} field: a 6-field cron in
 * the AWS EventBridge form ({@code minutes hours day-of-month month day-of-week year}), exactly one
 * of the two day fields {@code ?}. Each field takes numbers in its range, {@code *}, lists ({@code
 * ,}), ranges ({@code -}) and steps ({@code /}); month and day-of-week also take names ({@code
 * JAN}, {@code MON}); day-of-month {@code L} and {@code nW}; day-of-week {@code L}, {@code nL} and
 * {@code n#k}. A failure is 400 {@code Bad Request: schedule: Invalid cron expression: <why>}.
 */
final class EventBridgeCronRule {
  static final String FIELD = "schedule";

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private record Part(String name, int min, int max, List<String> names, String hint) {}

  private static final List<Part> PARTS =
      List.of(
          new Part("minutes", 0, 59, List.of(), "0-59"),
          new Part("hours", 0, 23, List.of(), "0-23"),
          new Part("day-of-month", 1, 31, List.of(), "1-31, ?, L or nW"),
          new Part("month", 1, 12, MONTHS, "1-12 or JAN-DEC"),
          new Part("day-of-week", 1, 7, DAYS, "1-7 or SUN-SAT, ?, L, nL or n#k"),
          new Part("year", 1970, 2199, List.of(), "1970-2199"));

  private EventBridgeCronRule() {}

  /** The six fields of a valid expression; otherwise throws the 400 naming {@code schedule}. */
  static List<String> check(String expression) {
    String trimmed = expression.trim();
    List<String> fields = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    if (fields.size() != 6) {
      throw invalid(
          "expected 6 fields (minutes hours day-of-month month day-of-week year), got "
              + fields.size());
    }
    for (int i = 0; i < 6; i++) {
      Part part = PARTS.get(i);
      if (!field(part, i, fields.get(i))) {
        throw invalid(part.name + " '" + fields.get(i) + "' is not valid (" + part.hint + ")");
      }
    }
    boolean domAny = fields.get(2).equals("?");
    boolean dowAny = fields.get(4).equals("?");
    if (domAny == dowAny) {
      throw invalid("exactly one of day-of-month and day-of-week must be '?'");
    }
    return fields;
  }

  private static ApiError invalid(String why) {
    return ApiError.field(FIELD, "Invalid cron expression: " + why);
  }

  private static boolean field(Part part, int index, String value) {
    if (value.equals("?")) {
      return index == 2 || index == 4;
    }
    for (String element : value.split(",", -1)) {
      if (!element(part, index, element.toUpperCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  private static boolean element(Part part, int index, String e) {
    if (e.equals("*")) {
      return true;
    }
    int slash = e.indexOf('/');
    if (slash >= 0) {
      String start = e.substring(0, slash);
      String step = e.substring(slash + 1);
      return index != 4 && number(step) >= 1 && (start.equals("*") || range(part, start));
    }
    if (index == 2 && (e.equals("L") || e.equals("LW"))) {
      return true;
    }
    if (index == 2 && e.endsWith("W")) {
      return value(part, e.substring(0, e.length() - 1));
    }
    if (index == 4 && e.endsWith("L")) {
      return e.length() == 1 || value(part, e.substring(0, e.length() - 1));
    }
    int hash = e.indexOf('#');
    if (index == 4 && hash > 0) {
      int nth = number(e.substring(hash + 1));
      return value(part, e.substring(0, hash)) && nth >= 1 && nth <= 5;
    }
    return range(part, e);
  }

  private static boolean range(Part part, String e) {
    int dash = e.indexOf('-');
    if (dash < 0) {
      return value(part, e);
    }
    return value(part, e.substring(0, dash)) && value(part, e.substring(dash + 1));
  }

  private static boolean value(Part part, String v) {
    int n = number(v);
    if (n >= 0) {
      return n >= part.min && n <= part.max;
    }
    return part.names.contains(v);
  }

  /** The value of 1 to 4 digits, or -1. */
  private static int number(String v) {
    if (v.isEmpty() || v.length() > 4 || !v.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(v);
  }
}
