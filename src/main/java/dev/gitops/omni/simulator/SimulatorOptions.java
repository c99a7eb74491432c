package dev.gitops.omni.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an {@link OmniSimulator} behaves. Build with {@link #builder()}; every setter has a default,
 * and the string helpers ({@link #csv(String)}, {@link #parseDuration(String)}) turn command line
 * flag values into the typed settings.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param tokens API keys with org-admin rights, of the {@link Organisations#DEFAULT default}
 *     organisation
 * @param readOnlyTokens API keys of the default organisation that may read (list, get) but get 403
 *     {@code Permission denied} on create, patch and delete
 * @param rateLimitPerMinute requests allowed per token in any sliding {@code rateLimitWindow}; 0
 *     means unlimited
 * @param rateLimitWindow the sliding window of the rate limit, one minute like Omni's; tests may
 *     shorten it to watch the window slide
 * @param latency added latency on every response
 * @param error5xxRate probability (0..1) of answering 500 or 503 before touching the store
 * @param dropCreateRate probability (0..1) that a create is stored and the TCP connection is then
 *     closed without any response
 * @param customRoles role names accepted as {@code baseRole} besides the documented ones
 * @param randomSeed seed of the fault dice, for reproducible fault sequences
 * @param newConnectionInvisibleFor how long a just-created id answers 404 on get, patch and delete
 *     (the eventual consistency observed on real instances)
 * @param journalCapacity how many recent requests the journal keeps
 * @param legacyWireShapes answer like older instances: dialect {@code sqlserver} for {@code mssql}
 *     connections and {@code userAttributeValuesForDefaultEnvironment} as one comma-joined string
 * @param organisations further organisations, each with its own connections and tokens; a token
 *     belongs to one organisation only
 * @param scheduleNotReadyFor how long after a connection's create its schedule calls answer 404
 *     {@code Connection with id … does not exist} while get and patch already answer 200 (Omni
 *     builds the connection's schema model first); zero turns it off
 * @param environmentListMissing answer {@code GET connection-environments} with 404, like older
 *     instances that had no such GET
 */
public record SimulatorOptions(
    int port,
    Set<String> tokens,
    Set<String> readOnlyTokens,
    int rateLimitPerMinute,
    Duration rateLimitWindow,
    Latency latency,
    double error5xxRate,
    double dropCreateRate,
    Set<String> customRoles,
    long randomSeed,
    Duration newConnectionInvisibleFor,
    int journalCapacity,
    boolean legacyWireShapes,
    Organisations organisations,
    Duration scheduleNotReadyFor,
    boolean environmentListMissing) {

  public static final String DEFAULT_TOKEN = "sim-token";

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    tokens = Set.copyOf(tokens);
    readOnlyTokens = Set.copyOf(readOnlyTokens);
    Objects.requireNonNull(organisations, "organisations");
    if (tokens.isEmpty() && readOnlyTokens.isEmpty() && organisations.isEmpty()) {
      throw new IllegalArgumentException("at least one token is needed");
    }
    organisations.owners(new Organisations.Keys(tokens, readOnlyTokens));
    if (rateLimitPerMinute < 0) {
      throw new IllegalArgumentException("rateLimitPerMinute must be >= 0: " + rateLimitPerMinute);
    }
    Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
    if (rateLimitWindow.isNegative() || rateLimitWindow.isZero()) {
      throw new IllegalArgumentException("rateLimitWindow must be positive: " + rateLimitWindow);
    }
    Objects.requireNonNull(latency, "latency");
    requireProbability(error5xxRate, "error5xxRate");
    requireProbability(dropCreateRate, "dropCreateRate");
    customRoles = Set.copyOf(customRoles);
    Objects.requireNonNull(newConnectionInvisibleFor, "newConnectionInvisibleFor");
    if (newConnectionInvisibleFor.isNegative()) {
      throw new IllegalArgumentException("newConnectionInvisibleFor must not be negative");
    }
    Objects.requireNonNull(scheduleNotReadyFor, "scheduleNotReadyFor");
    if (scheduleNotReadyFor.isNegative()) {
      throw new IllegalArgumentException("scheduleNotReadyFor must not be negative");
    }
    if (journalCapacity < 0) {
      throw new IllegalArgumentException("journalCapacity must be >= 0: " + journalCapacity);
    }
  }

  public static SimulatorOptionsBuilder builder() {
    return new SimulatorOptionsBuilder();
  }

  /**
   * The defaults: ephemeral port, token {@code sim-token}, 60 requests/minute, no faults, schedule
   * calls refused for 2 s after a connection's create.
   */
  public static SimulatorOptions defaults() {
    return builder().build();
  }

  public SimulatorOptionsBuilder toBuilder() {
    SimulatorOptionsBuilder b = new SimulatorOptionsBuilder();
    b.port = port;
    b.tokens = new LinkedHashSet<>(tokens);
    b.readOnlyTokens = new LinkedHashSet<>(readOnlyTokens);
    b.rateLimitPerMinute = rateLimitPerMinute;
    b.rateLimitWindow = rateLimitWindow;
    b.latency = latency;
    b.error5xxRate = error5xxRate;
    b.dropCreateRate = dropCreateRate;
    b.customRoles = new LinkedHashSet<>(customRoles);
    b.randomSeed = randomSeed;
    b.newConnectionInvisibleFor = newConnectionInvisibleFor;
    b.journalCapacity = journalCapacity;
    b.legacyWireShapes = legacyWireShapes;
    b.organisations = organisations;
    b.scheduleNotReadyFor = scheduleNotReadyFor;
    b.environmentListMissing = environmentListMissing;
    return b;
  }

  /** Splits a comma-separated flag value into trimmed, non-empty entries (null gives none). */
  public static Set<String> csv(String value) {
    if (value == null) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * Reads a duration flag: {@code 250ms}, {@code 2s}, {@code 1m}, a bare number of milliseconds, or
   * ISO-8601 ({@code PT0.5S}).
   */
  public static Duration parseDuration(String value) {
    String v = Objects.requireNonNull(value, "duration").trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()) * 60);
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration (use 250ms, 2s, 1m or PT2S): '" + value + "'", e);
    }
  }

  static double requireProbability(double p, String what) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1: " + p);
    }
    return p;
  }
}
