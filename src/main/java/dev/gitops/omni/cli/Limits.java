package dev.gitops.omni.cli;

import dev.gitops.omni.operator.Durations;
import java.time.Duration;

/**
 * How duration options are read (positive, at most 30 days), and floors on settings whose bad
 * values starve the operator rather than fail it: a poll interval of 1ms or 0s spent the whole
 * request budget on Omni's list, and every resource waited behind it.
 */
final class Limits {
  private Limits() {}

  /**
   * The drift poll may spend at most a tenth of the request budget on lists, and poll once a
   * second.
   */
  static Duration pollInterval(String option, String value, int requestsPerMinute) {
    Duration d = duration(option, value);
    Duration floor = Duration.ofMillis(Math.max(1_000, 600_000L / Math.max(1, requestsPerMinute)));
    if (d.compareTo(floor) < 0) {
      throw new UsageException(
          option
              + " "
              + value
              + " would spend more than a tenth of the request budget ("
              + requestsPerMinute
              + " requests/minute) on Omni's list: use at least "
              + seconds(floor));
    }
    return d;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** The longest duration any option takes: longer ones overflowed the waits built on them. */
  static final Duration LONGEST = Duration.ofDays(30);

  static Duration duration(String option, String value) {
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (ArithmeticException | NumberFormatException tooBig) {
      throw new UsageException(option + ": '" + value + "' is too long: at most 30 days (720h)");
    } catch (RuntimeException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
    if (d.isZero() || d.isNegative()) {
      throw new UsageException(option + ": must be positive");
    }
    if (d.compareTo(LONGEST) > 0) {
      throw new UsageException(option + ": '" + value + "' is too long: at most 30 days (720h)");
    }
    return d;
  }
}
