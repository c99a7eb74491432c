package dev.gitops.omni.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Mutable builder of {@link SimulatorOptions}; {@link #build()} validates. */
public final class SimulatorOptionsBuilder {
  int port;
  Set<String> tokens; // null: sim-token, unless an organisation is configured
  Set<String> readOnlyTokens = new LinkedHashSet<>();
  int rateLimitPerMinute = 60;
  Duration rateLimitWindow = Duration.ofMinutes(1);
  Latency latency = Latency.NONE;
  double error5xxRate;
  double dropCreateRate;
  Set<String> customRoles = new LinkedHashSet<>();
  long randomSeed = new SecureRandom().nextLong();
  Duration newConnectionInvisibleFor = Duration.ZERO;
  int journalCapacity = 10_000;
  boolean legacyWireShapes;
  Organisations organisations = Organisations.NONE;
  Duration scheduleNotReadyFor = Duration.ofSeconds(2);
  boolean environmentListMissing;

  SimulatorOptionsBuilder() {}

  public SimulatorOptionsBuilder port(int value) {
    port = value;
    return this;
  }

  /**
   * Replaces the admin tokens of the default organisation. Without this call they are {@code
   * sim-token} when no {@link #organisation organisation} is configured, and none otherwise.
   */
  public SimulatorOptionsBuilder tokens(Set<String> values) {
    tokens = new LinkedHashSet<>(values);
    return this;
  }

  public SimulatorOptionsBuilder tokens(String... values) {
    return tokens(new LinkedHashSet<>(Arrays.asList(values)));
  }

  public SimulatorOptionsBuilder readOnlyTokens(Set<String> values) {
    readOnlyTokens = new LinkedHashSet<>(values);
    return this;
  }

  public SimulatorOptionsBuilder readOnlyTokens(String... values) {
    return readOnlyTokens(new LinkedHashSet<>(Arrays.asList(values)));
  }

  public SimulatorOptionsBuilder rateLimitPerMinute(int value) {
    rateLimitPerMinute = value;
    return this;
  }

  public SimulatorOptionsBuilder rateLimitWindow(Duration value) {
    rateLimitWindow = value;
    return this;
  }

  public SimulatorOptionsBuilder latency(Latency value) {
    latency = value;
    return this;
  }

  public SimulatorOptionsBuilder latency(Duration fixed) {
    return latency(Latency.fixed(fixed));
  }

  public SimulatorOptionsBuilder error5xxRate(double value) {
    error5xxRate = value;
    return this;
  }

  public SimulatorOptionsBuilder dropCreateRate(double value) {
    dropCreateRate = value;
    return this;
  }

  public SimulatorOptionsBuilder customRoles(Set<String> values) {
    customRoles = new LinkedHashSet<>(values);
    return this;
  }

  public SimulatorOptionsBuilder customRoles(String... values) {
    return customRoles(new LinkedHashSet<>(Arrays.asList(values)));
  }

  public SimulatorOptionsBuilder randomSeed(long value) {
    randomSeed = value;
    return this;
  }

  public SimulatorOptionsBuilder newConnectionInvisibleFor(Duration value) {
    newConnectionInvisibleFor = value;
    return this;
  }

  public SimulatorOptionsBuilder journalCapacity(int value) {
    journalCapacity = value;
    return this;
  }

  public SimulatorOptionsBuilder legacyWireShapes(boolean value) {
    legacyWireShapes = value;
    return this;
  }

  /** How long a new connection's schedule calls answer 404 (default 2 s; zero: not at all). */
  public SimulatorOptionsBuilder scheduleNotReadyFor(Duration value) {
    scheduleNotReadyFor = value;
    return this;
  }

  /** Whether {@code GET connection-environments} answers 404, as on older instances. */
  public SimulatorOptionsBuilder environmentListMissing(boolean value) {
    environmentListMissing = value;
    return this;
  }

  /**
   * Adds an organisation with its own connections and these admin tokens (or adds the tokens to it,
   * if already configured). A token may belong to one organisation only.
   */
  public SimulatorOptionsBuilder organisation(String name, String... tokens) {
    return organisation(name, new LinkedHashSet<>(Arrays.asList(tokens)), Set.of());
  }

  /** Adds read-only tokens to an organisation (configured or new). */
  public SimulatorOptionsBuilder organisationReadOnly(String name, String... tokens) {
    return organisation(name, Set.of(), new LinkedHashSet<>(Arrays.asList(tokens)));
  }

  public SimulatorOptionsBuilder organisation(
      String name, Set<String> tokens, Set<String> readOnlyTokens) {
    organisations = organisations.with(name, new Organisations.Keys(tokens, readOnlyTokens));
    return this;
  }

  /** Replaces every organisation but the default one. */
  public SimulatorOptionsBuilder organisations(Organisations value) {
    organisations = value;
    return this;
  }

  public SimulatorOptions build() {
    return new SimulatorOptions(
        port,
        tokens != null
            ? tokens
            : organisations.isEmpty() ? Set.of(SimulatorOptions.DEFAULT_TOKEN) : Set.of(),
        readOnlyTokens,
        rateLimitPerMinute,
        rateLimitWindow,
        latency,
        error5xxRate,
        dropCreateRate,
        customRoles,
        randomSeed,
        newConnectionInvisibleFor,
        journalCapacity,
        legacyWireShapes,
        organisations,
        scheduleNotReadyFor,
        environmentListMissing);
  }
}
