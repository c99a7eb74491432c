package dev.gitops.omni.cli;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.sandbox.ManifestReader;
import dev.gitops.omni.sandbox.Sandbox;
import dev.gitops.omni.sandbox.SimulatorTenants;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox}: the whole operator on one machine, no cluster and no Omni account needed. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the operator on this machine: an embedded Kubernetes API, the Omni simulator (or a"
          + " real Omni with --omni-url) and the real operator. Applies the manifests, shows"
          + " progress on stderr and prints a table of the resources.",
      "OmniInstances and ClusterOmniInstances in the files are applied too. With the"
          + " simulator, each instance's URL is pointed at it and its key (from its token Secret in"
          + " the files) opens an organisation of its own, named after the instance, so teams"
          + " show side by side; --organisation groups keys into one organisation.",
      "Exit code: 0 when every OmniConnection is Ready, 1 otherwise."
    })
public class SandboxCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin OmniOptions omni;
  @Mixin LogOptions logs;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "PATH",
      description =
          "Manifest file or directory (*.yaml, *.yml; multi-document YAML; Secrets included)."
              + " Repeatable. Default: examples/.")
  List<Path> files;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      description = "How long to wait for every resource to settle, e.g. 30s, 2m (default 60s).")
  String timeout;

  @Option(
      names = "--keep-running",
      description = "Keep running after the table is printed, until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--watch",
      description =
          "Re-apply the files when they change (implies --keep-running): edit a baseRole or a"
              + " Secret and watch the PATCH happen; a removed file deletes its resources.")
  boolean watch;

  @Option(
      names = "--rate-limit",
      defaultValue = "60",
      description = "The operator's Omni request budget per minute (default 60, like Omni).")
  int rateLimit;

  @Option(
      names = "--sim-rate-limit",
      defaultValue = "60",
      description =
          "Requests per minute the embedded simulator allows before answering 429 (default 60;"
              + " 0: unlimited).")
  int simulatorRateLimit;

  @Option(
      names = "--poll-interval",
      defaultValue = "30s",
      description = "How often the operator re-reads Omni's connection list (default 30s).")
  String pollInterval;

  @Option(
      names = "--default-deletion-policy",
      defaultValue = "Orphan",
      description =
          "Orphan or Delete: what deleting a resource (removing its file with --watch) does to"
              + " its Omni connection when the resource sets no spec.deletionPolicy.")
  DeletionPolicy deletionPolicy;

  @Option(
      names = "--organisation",
      paramLabel = "NAME=KEY[,KEY...]",
      description =
          "A simulator organisation and its API keys (repeatable), e.g. shared=key-a,key-b: the"
              + " instances whose token Secrets hold those keys share its connections. Keys in"
              + " the files that no --organisation names get an organisation per instance.")
  List<String> organisations;

  @Override
  public Integer call() throws Exception {
    Progress progress = new Progress(spec.commandLine().getErr());
    logs.apply(main != null && main.verbose ? "DEBUG" : "WARN");
    List<Path> paths = files == null || files.isEmpty() ? List.of(Path.of("examples")) : files;
    Duration wait = Limits.duration("--timeout", timeout);
    var first = ManifestReader.read(paths);
    if (first.ofKind("OmniConnection").isEmpty() && !watch) {
      throw UsageException.noOmniConnection(paths, first.skipped());
    }
    Sandbox.Settings settings = settings(first);
    progress.line(
        "starting an embedded Kubernetes API"
            + (settings.omniUrl() == null ? ", the Omni simulator" : "")
            + " and the operator");
    return Interruptible.run(
        () -> {
          try (Sandbox sandbox = Sandbox.create(settings)) {
            return new SandboxRunner(
                    sandbox,
                    paths,
                    first,
                    wait,
                    keepRunning || watch,
                    watch,
                    spec.commandLine().getOut(),
                    progress)
                .run();
          }
        });
  }

  private Sandbox.Settings settings(ManifestReader.Result first) {
    // a real Omni only when asked for on the command line, never because OMNI_URL happens to be set
    boolean real = spec.commandLine().getParseResult().hasMatchedOption("--omni-url");
    if (real && organisations != null && !organisations.isEmpty()) {
      throw new UsageException(
          "--organisation configures the sandbox's simulator: it cannot be used with --omni-url");
    }
    String url = real ? omni.uri().toString() : null;
    SecretValue token = real ? omni.requireToken() : null;
    if (rateLimit < 1 || simulatorRateLimit < 0) {
      throw new UsageException("--rate-limit must be at least 1 and --sim-rate-limit at least 0");
    }
    return new Sandbox.Settings(
        url,
        token,
        omni.prefix(),
        simulatorRateLimit,
        rateLimit,
        Limits.pollInterval("--poll-interval", pollInterval, rateLimit),
        deletionPolicy,
        real ? SimulatorTenants.NONE : tenants(first));
  }

  private SimulatorTenants tenants(ManifestReader.Result first) {
    Organisations given = Organisations.NONE;
    for (String value : organisations == null ? List.<String>of() : organisations) {
      try {
        var org = Organisations.parse(value);
        given = given.with(org.getKey(), new Organisations.Keys(org.getValue(), Set.of()));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--organisation: " + e.getMessage());
      }
    }
    try {
      return SimulatorTenants.of(given, first.manifests());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--organisation: " + e.getMessage());
    }
  }
}
