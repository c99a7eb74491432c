package dev.gitops.omni.cli;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniConnectionInfo;
import dev.gitops.omni.sandbox.ManifestReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plan}: what the operator would do in Omni for the resources in some files. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what the operator would do in Omni for the OmniConnections in the files: create,"
          + " adopt, patch (which fields), replace (which fields), nothing, or invalid/blocked and"
          + " why. Lists Omni's connections once; needs no cluster. Secrets in the files are used"
          + " when present; otherwise credentials are not compared. Secret values are never"
          + " printed.",
      "Exit code: 0 nothing would change, 2 changes pending, 1 errors (invalid or blocked"
          + " resources, unreadable files, Omni unreachable)."
    })
public class PlanCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin OmniOptions omni;
  @Mixin LogOptions logs;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "PATH",
      required = true,
      description = "Manifest file or directory (*.yaml, *.yml). Repeatable.")
  List<Path> files;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default) or json.")
  String output;

  @Override
  public Integer call() {
    logs.apply(main != null && main.verbose ? "DEBUG" : "WARN");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("--output must be text or json, not " + output);
    }
    ManifestReader.Result manifests = ManifestReader.read(files);
    if (manifests.ofKind("OmniConnection").isEmpty()) {
      throw new UsageException("no OmniConnection found in " + files);
    }
    Progress progress = new Progress(spec.commandLine().getErr());
    manifests.skipped().forEach(s -> progress.line("skipped " + s));
    List<OmniConnectionInfo> listed;
    try (var client = omni.client()) {
      progress.line("listing Omni's connections at " + omni.uri());
      listed = client.list(ListFilter.ALL_INCLUDING_DELETED);
    }
    List<PlanRow> rows = ManifestPlanner.plan(manifests, listed);
    var out = spec.commandLine().getOut();
    if (output.equals("json")) {
      PlanPrinter.json(out, omni.uri().toString(), omni.prefix(), listed.size(), rows);
    } else {
      PlanPrinter.text(out, omni.uri() + " (API " + omni.prefix() + ")", listed.size(), rows);
    }
    return PlanPrinter.exitCode(rows);
  }
}
