package dev.gitops.omni.operator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Kubernetes users write them: 30s, 5m, 1h, 1h30m, or ISO-8601. */
public final class Durations {
  private Durations() {}

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  public static Duration parse(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      return Duration.parse(t);
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write it like 30s, 5m, 1h or 1h30m");
    }
    return total;
  }

  /** The parsed value, or {@code fallback} when absent or not a positive duration. */
  public static Duration parseOr(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      Duration d = parse(text);
      return d.isZero() || d.isNegative() ? fallback : d;
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
