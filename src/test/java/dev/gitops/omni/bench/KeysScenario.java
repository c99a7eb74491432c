package dev.gitops.omni.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The K-keys run of issue 12: N OmniConnections spread evenly over K ClusterOmniInstances, each
 * with its own key, at R requests per minute per key (Omni's limit per key, and each instance's
 * {@code requestsPerMinute}). The bound is 1.05 × N / (K·R) minutes from the operator's start.
 *
 * @param mode whether the K keys belong to K organisations or to one
 * @param childJvm the shipped jar in its own JVM, or the operator wired in this JVM
 * @param namespaced whether the operator watches only the connections' namespace ({@code
 *     --watch-namespaces bench}); otherwise every namespace, as the chart installs it
 */
record KeysScenario(
    String label,
    int n,
    int keys,
    int rate,
    Mode mode,
    boolean childJvm,
    boolean namespaced,
    Duration pollInterval,
    int threads,
    String maxHeap,
    Path jar,
    Path workDir,
    long seed) {

  /** Where the K keys come from. */
  enum Mode {
    /** K organisations (their own stores), one key each: K teams. */
    ORGS,
    /** K keys of one organisation (one store): one team splitting its load over keys. */
    KEYS;

    static Mode parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "orgs", "organisations" -> ORGS;
        case "keys" -> KEYS;
        default -> throw new IllegalArgumentException("mode is orgs or keys, not " + s);
      };
    }

    String describe() {
      return this == ORGS ? "K organisations, one key each" : "K keys of one organisation";
    }
  }

  KeysScenario {
    if (n < keys || keys < 1 || rate < 2) {
      throw new IllegalArgumentException(
          "need N >= K >= 1 and R >= 2, not N=" + n + " K=" + keys + " R=" + rate);
    }
  }

  /** The floor: each key creates its N / K connections at R per minute. */
  Duration floor() {
    return Duration.ofMillis(Math.round(n * 60_000.0 / ((double) keys * rate)));
  }

  /** The issue's bound: 1.05 × N / (K·R). */
  Duration bound() {
    return Duration.ofMillis(Math.round(floor().toMillis() * 1.05));
  }

  /** The ClusterOmniInstance of resource {@code i}: round robin over the K. */
  int instanceOf(int i) {
    return i % keys;
  }

  /** The instances' names. */
  static String instance(int k) {
    return "team-" + (k + 1);
  }

  /** The simulator organisation of instance {@code k}. */
  String organisation(int k) {
    return mode == Mode.ORGS ? instance(k) : "shared";
  }

  /**
   * Reads {@code K[:N[:R[:orgs|keys]]]} (bench/run.sh's {@code --keys}); what is left out is the
   * realistic default: N = 600, R = 60 (Omni's limit per key), K organisations.
   */
  static KeysScenario parse(String spec, String heap, Path jar, Path workDir, long seed) {
    String[] p = spec.trim().split(":");
    int k = Integer.parseInt(p[0]);
    int n = p.length > 1 ? Integer.parseInt(p[1]) : 600;
    int r = p.length > 2 ? Integer.parseInt(p[2]) : 60;
    Mode mode = p.length > 3 ? Mode.parse(p[3]) : Mode.ORGS;
    Duration poll = r <= 120 ? Duration.ofSeconds(15) : Duration.ofSeconds(10);
    return new KeysScenario(
        "keys " + n + "/" + k + "@" + r + " " + mode.name().toLowerCase(Locale.ROOT),
        n,
        k,
        r,
        mode,
        true,
        false,
        poll,
        10,
        heap,
        jar,
        workDir,
        seed);
  }
}
