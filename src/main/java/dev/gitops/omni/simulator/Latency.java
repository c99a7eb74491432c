package dev.gitops.omni.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Added response latency: a fixed part, a uniformly random jitter in {@code [0, jitter]}, and with
 * probability {@code spikeProbability} an extra {@code spikeLatency} (a slow outlier).
 */
public record Latency(
    Duration fixed, Duration jitter, double spikeProbability, Duration spikeLatency) {

  /** No added latency. */
  public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

  public Latency {
    fixed = nonNegative(fixed, "fixed");
    jitter = nonNegative(jitter, "jitter");
    spikeLatency = nonNegative(spikeLatency, "spikeLatency");
    SimulatorOptions.requireProbability(spikeProbability, "spikeProbability");
  }

  /** A constant latency without jitter or spikes. */
  public static Latency fixed(Duration fixed) {
    return new Latency(fixed, Duration.ZERO, 0, Duration.ZERO);
  }

  public Latency withJitter(Duration newJitter) {
    return new Latency(fixed, newJitter, spikeProbability, spikeLatency);
  }

  public Latency withSpikes(double probability, Duration latency) {
    return new Latency(fixed, jitter, probability, latency);
  }

  public boolean isNone() {
    return fixed.isZero() && jitter.isZero() && (spikeProbability == 0 || spikeLatency.isZero());
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
    return d;
  }
}
