package dev.gitops.omni.cli;

import dev.gitops.omni.simulator.Latency;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code simulator}: the Omni simulator on its own, for trying plan, import or run against. */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description =
        "Serve the Omni connections API simulator on 127.0.0.1 (both /api/v1 and /api/unstable)"
            + " until Ctrl-C, with Omni's rate limit and optional faults.")
public class SimulatorCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin LogOptions logs;

  @Option(names = "--port", defaultValue = "8089", description = "Port (default 8089; 0: any).")
  int port;

  @Option(
      names = "--tokens",
      description =
          "Accepted admin API keys, comma-separated (default sim-token, none with"
              + " --organisation).")
  String tokens;

  @Option(
      names = "--read-only-tokens",
      description = "API keys that may list and get but get 403 on writes, comma-separated.")
  String readOnlyTokens;

  @Option(
      names = "--organisation",
      paramLabel = "NAME=KEYS",
      description =
          "An organisation with its own connections and its admin API keys, e.g."
              + " team-a=key-a1,key-a2 (repeatable). A key sees only its organisation's"
              + " connections; --tokens and --read-only-tokens are those of organisation default.")
  List<String> organisations;

  @Option(
      names = "--organisation-read-only",
      paramLabel = "NAME=KEYS",
      description = "Read-only API keys of an organisation, e.g. team-a=viewer-a (repeatable).")
  List<String> readOnlyOrganisations;

  @Option(
      names = "--rate-limit",
      defaultValue = "60",
      description = "Requests per key per window before 429 (default 60; 0: unlimited).")
  int rateLimit;

  @Option(
      names = "--rate-limit-window",
      defaultValue = "1m",
      description = "The sliding window of the rate limit (default 1m).")
  String window;

  @Option(names = "--latency", defaultValue = "0ms", description = "Added latency, e.g. 50ms.")
  String latency;

  @Option(
      names = "--latency-jitter",
      defaultValue = "0ms",
      description = "Random extra latency up to this much.")
  String jitter;

  @Option(
      names = "--error-5xx-rate",
      defaultValue = "0",
      description = "Share of requests answered 500/503, 0..1.")
  double error5xxRate;

  @Option(
      names = "--drop-create-rate",
      defaultValue = "0",
      description = "Share of creates stored but never answered, 0..1.")
  double dropCreateRate;

  @Option(names = "--custom-roles", description = "Extra baseRole names accepted, comma-separated.")
  String customRoles;

  @Option(names = "--seed", description = "Seed of the fault dice, for repeatable runs.")
  Long seed;

  @Option(
      names = "--new-connection-invisible-for",
      defaultValue = "0ms",
      description = "How long a new connection answers 404 (eventual consistency), e.g. 2s.")
  String invisibleFor;

  @Option(
      names = "--schedule-not-ready-for",
      paramLabel = "DURATION",
      defaultValue = DEFAULT_SCHEDULE_NOT_READY_FOR,
      description =
          "How long after a connection's create its schedule calls answer 404 (seen on real"
              + " instances while Omni builds the schema model), e.g. 0s to turn it off (default"
              + " ${DEFAULT-VALUE}).")
  String scheduleNotReadyFor;

  /** The simulator's own default; a test holds them equal. */
  static final String DEFAULT_SCHEDULE_NOT_READY_FOR = "2s";

  @Option(
      names = "--environment-list-missing",
      description =
          "Answer GET connection-environments with 404, like older instances without that GET.")
  boolean environmentListMissing;

  @Option(
      names = "--legacy-wire-shapes",
      description = "Answer like older instances (dialect sqlserver, attribute values as text).")
  boolean legacyWireShapes;

  @Override
  public Integer call() throws Exception {
    logs.apply(main != null && main.verbose ? "DEBUG" : "WARN");
    SimulatorOptions options = options();
    return Interruptible.run(
        () -> {
          try (OmniSimulator sim = OmniSimulator.start(options)) {
            var out = spec.commandLine().getOut();
            Set<String> defaultTokens = tokens == null ? options.tokens() : csv(tokens);
            SimulatorBanner.print(out, sim, options, defaultTokens, rateLimit, window);
            out.println("Ctrl-C to stop.");
            out.flush();
            new CountDownLatch(1).await();
          } catch (InterruptedException stopped) {
            spec.commandLine().getOut().println("simulator stopped");
          }
          return 0;
        });
  }

  private SimulatorOptions options() {
    try {
      var b =
          SimulatorOptions.builder()
              .port(port)
              .readOnlyTokens(SimulatorOptions.csv(readOnlyTokens))
              .rateLimitPerMinute(rateLimit)
              .rateLimitWindow(SimulatorOptions.parseDuration(window))
              .latency(
                  Latency.fixed(SimulatorOptions.parseDuration(latency))
                      .withJitter(SimulatorOptions.parseDuration(jitter)))
              .error5xxRate(error5xxRate)
              .dropCreateRate(dropCreateRate)
              .customRoles(SimulatorOptions.csv(customRoles))
              .newConnectionInvisibleFor(SimulatorOptions.parseDuration(invisibleFor))
              .legacyWireShapes(legacyWireShapes)
              .scheduleNotReadyFor(duration("--schedule-not-ready-for", scheduleNotReadyFor))
              .environmentListMissing(environmentListMissing);
      if (seed != null) {
        b.randomSeed(seed);
      }
      if (tokens != null) {
        b.tokens(csv(tokens));
      }
      for (String value : orEmpty(organisations)) {
        var org = parse("--organisation", value);
        b.organisation(org.getKey(), org.getValue(), Set.of());
      }
      for (String value : orEmpty(readOnlyOrganisations)) {
        var org = parse("--organisation-read-only", value);
        b.organisation(org.getKey(), Set.of(), org.getValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static java.time.Duration duration(String flag, String value) {
    try {
      java.time.Duration d = SimulatorOptions.parseDuration(value);
      if (d.isNegative()) {
        throw new IllegalArgumentException("must not be negative: '" + value + "'");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private static Map.Entry<String, Set<String>> parse(String flag, String value) {
    try {
      return Organisations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static Set<String> csv(String value) {
    return SimulatorOptions.csv(value);
  }
}
