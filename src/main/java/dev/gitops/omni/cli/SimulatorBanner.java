package dev.gitops.omni.cli;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.util.Set;

/**
 * What {@code simulator} prints once it listens: its URL, keys and organisations, the API and its
 * rate limit, how the calls around a connection behave, and a command to try.
 */
final class SimulatorBanner {
  private SimulatorBanner() {}

  static void print(
      PrintWriter out,
      OmniSimulator sim,
      SimulatorOptions options,
      Set<String> defaultTokens,
      int rateLimit,
      String window) {
    out.println("Omni simulator listening on " + sim.baseUrl());
    if (!defaultTokens.isEmpty()) {
      out.println("API token: " + String.join(", ", defaultTokens));
    }
    options.organisations().byName().forEach((name, keys) -> out.println(describe(name, keys)));
    out.println(
        "API: "
            + sim.connectionsUrl("v1")
            + " and "
            + sim.connectionsUrl("unstable")
            + (rateLimit == 0 ? ", no rate limit" : ", " + rateLimit + " requests per " + window));
    out.println(
        "Schedules (v1): "
            + (options.scheduleNotReadyFor().isZero()
                ? "usable as soon as a connection is created"
                : "404 for "
                    + shown(options.scheduleNotReadyFor())
                    + " after a connection's create")
            + "; GET connection-environments: "
            + (options.environmentListMissing() ? "404, like older instances" : "answered"));
    out.println(
        "Try: OMNI_TOKEN="
            + firstToken(defaultTokens, options)
            + " java -jar target/omni-operator.jar import --omni-url "
            + sim.baseUrl());
  }

  private static String shown(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String describe(String name, Organisations.Keys keys) {
    StringBuilder line = new StringBuilder("Organisation " + name + ": ");
    line.append(
        keys.tokens().isEmpty() ? "no admin token" : "token " + String.join(", ", keys.tokens()));
    if (!keys.readOnlyTokens().isEmpty()) {
      line.append("; read-only ").append(String.join(", ", keys.readOnlyTokens()));
    }
    return line.toString();
  }

  /** A key for the example (import only reads): the default organisation's, else another's. */
  private static String firstToken(Set<String> defaultTokens, SimulatorOptions options) {
    if (!defaultTokens.isEmpty()) {
      return defaultTokens.iterator().next();
    }
    return options.organisations().byName().values().stream()
        .flatMap(k -> k.tokens().stream())
        .findFirst()
        .orElse(options.readOnlyTokens().stream().findFirst().orElse("<token>"));
  }
}
