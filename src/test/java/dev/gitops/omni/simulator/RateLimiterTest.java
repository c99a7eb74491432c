package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window log, on a fake clock. */
class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), now::get);

  private void at(long seconds) {
    now.set(1_000_000_000L + TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void anySixtySecondWindowHoldsAtMostTheLimit() {
    at(0);
    assertThat(limiter.tryAcquire("k")).isTrue();
    at(59);
    assertThat(limiter.tryAcquire("k")).isTrue();
    at(60);
    // the request at 0 left the window; the one at 59 is still in it
    assertThat(limiter.tryAcquire("k")).isTrue();
    at(61);
    // a fixed per-minute window starting at 60 would allow this one
    assertThat(limiter.tryAcquire("k")).isFalse();
    at(119);
    assertThat(limiter.tryAcquire("k")).isTrue();
  }

  @Test
  void rejectedRequestsDoNotCount() {
    at(0);
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    at(10);
    assertThat(limiter.tryAcquire("k")).isFalse();
    at(30);
    assertThat(limiter.tryAcquire("k")).isFalse();
    at(60);
    assertThat(limiter.tryAcquire("k")).isTrue();
    assertThat(limiter.tryAcquire("k")).isTrue();
  }

  @Test
  void tokensHaveSeparateWindowsAndZeroIsUnlimited() {
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();

    limiter.setLimit(0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
  }
}
