package dev.gitops.omni.simulator;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's fault dice: added latency, 429 bursts, random 500/503 answers and dropped
 * creates. One seeded {@link Random} drives them all, so a sequential run with the same seed
 * replays the same faults. Every setting can change while the simulator runs.
 */
final class FaultInjector {
  private final Random random;
  private final AtomicInteger burst = new AtomicInteger();
  private volatile Latency latency;
  private volatile double error5xxRate;
  private volatile double dropCreateRate;

  FaultInjector(SimulatorOptions options) {
    this.random = new Random(options.randomSeed());
    this.latency = options.latency();
    this.error5xxRate = options.error5xxRate();
    this.dropCreateRate = options.dropCreateRate();
  }

  void setLatency(Latency value) {
    latency = Objects.requireNonNull(value, "latency");
  }

  void setError5xxRate(double rate) {
    error5xxRate = SimulatorOptions.requireProbability(rate, "error5xxRate");
  }

  void setDropCreateRate(double rate) {
    dropCreateRate = SimulatorOptions.requireProbability(rate, "dropCreateRate");
  }

  /** The next {@code n} authenticated requests answer 429. */
  void injectRateLimitBurst(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("burst must be >= 0: " + n);
    }
    burst.addAndGet(n);
  }

  /** Cancels the burst slots not served yet; returns how many there were. */
  int cancelRateLimitBurst() {
    return burst.getAndSet(0);
  }

  /** Sleeps for this request's latency: fixed + uniform jitter + maybe a spike. */
  void delay() throws InterruptedException {
    Latency l = latency;
    if (l.isNone()) {
      return;
    }
    long millis = l.fixed().toMillis();
    if (!l.jitter().isZero()) {
      millis += (long) (roll() * (l.jitter().toMillis() + 1));
    }
    if (l.spikeProbability() > 0 && roll() < l.spikeProbability()) {
      millis += l.spikeLatency().toMillis();
    }
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /** Whether this request falls in an injected 429 burst (consumes one burst slot). */
  boolean takeBurst() {
    return burst.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** 0 for no fault, else the 5xx status to answer (500 or 503, equally likely). */
  int server5xx() {
    double rate = error5xxRate;
    if (rate == 0 || roll() >= rate) {
      return 0;
    }
    return roll() < 0.5 ? 500 : 503;
  }

  /** Whether this create's response is dropped after the connection is stored. */
  boolean dropCreate() {
    double rate = dropCreateRate;
    return rate > 0 && roll() < rate;
  }

  private double roll() {
    synchronized (random) {
      return random.nextDouble();
    }
  }
}
