package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's copy of the EventBridge cron rule, and the description it derives, per row. */
class EventBridgeCronRuleTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00 09 * * ? *",
        "0 9 ? * MON-FRI *",
        "0/15 * * * ? *",
        "*/5 8-17 ? * 2-6 *",
        "30 6 1 JAN ? 2027",
        "0 0 L * ? *",
        "0 0 15W * ? *",
        "0 0 LW * ? *",
        "0 0 ? * 6L *",
        "0 0 ? * L *",
        "0 0 ? * 3#2 *",
        "0 0 ? * mon,wed,fri *",
        "0,30 0-23/2 1-15 1-6 ? 2025-2030",
        "  0   9  *  *  ?  *  "
      })
  void acceptedExpressions(String cron) {
    assertThat(EventBridgeCronRule.check(cron)).hasSize(6);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * * *|expected 6 fields (minutes hours day-of-month month day-of-week year), got 5",
        "0 0 9 * * ? *|expected 6 fields (minutes hours day-of-month month day-of-week year), got 7",
        "60 9 * * ? *|minutes '60' is not valid (0-59)",
        "0 24 * * ? *|hours '24' is not valid (0-23)",
        "0 9 0 * ? *|day-of-month '0' is not valid (1-31, ?, L or nW)",
        "0 9 * 13 ? *|month '13' is not valid (1-12 or JAN-DEC)",
        "0 9 * FOO ? *|month 'FOO' is not valid (1-12 or JAN-DEC)",
        "0 9 ? * 8 *|day-of-week '8' is not valid (1-7 or SUN-SAT, ?, L, nL or n#k)",
        "0 9 ? * MON/2 *|day-of-week 'MON/2' is not valid (1-7 or SUN-SAT, ?, L, nL or n#k)",
        "0 9 ? * 2#6 *|day-of-week '2#6' is not valid (1-7 or SUN-SAT, ?, L, nL or n#k)",
        "0 9 * * ? 1969|year '1969' is not valid (1970-2199)",
        "? 9 * * ? *|minutes '?' is not valid (0-59)",
        "0/0 9 * * ? *|minutes '0/0' is not valid (0-59)",
        "0 9 1, * ? *|day-of-month '1,' is not valid (1-31, ?, L or nW)",
        "0 9 * * * *|exactly one of day-of-month and day-of-week must be '?'",
        "0 9 1 * MON *|exactly one of day-of-month and day-of-week must be '?'",
        "0 9 ? * ? *|exactly one of day-of-month and day-of-week must be '?'"
      })
  void refusedExpressionsNameTheScheduleField(String cron, String why) {
    assertThatThrownBy(() -> EventBridgeCronRule.check(cron))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.detail())
                  .isEqualTo("Bad Request: schedule: Invalid cron expression: " + why);
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "00 09 * * ? *|At 09:00, every day",
        "30 6 ? * MON-FRI *|At 06:30, on MON-FRI",
        "0/15 * * * ? *|Every 15 minutes, every day",
        "* * * * ? *|Every minute, every day",
        "5 * ? * SUN *|At minute 5 of every hour, on SUN",
        "0 */4 * * ? *|At minute 0, every 4 hours, every day",
        "0 0 1 jan ? 2027|At 00:00, on day 1 of the month, in JAN, in 2027",
        "0,30 8-17 * * ? *|At minutes 0,30 of hours 8-17, every day"
      })
  void descriptionsAreDerivedFromTheCron(String cron, String description) {
    assertThat(CronDescriber.describe(EventBridgeCronRule.check(cron))).isEqualTo(description);
  }
}
