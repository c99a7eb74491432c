package dev.gitops.omni.cli;

import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.ManifestReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
          + " why. Lists Omni's connections once. Secrets in the files are read; Secret values are"
          + " never printed.",
      "With OmniInstances or ClusterOmniInstances in the files, each connection is planned"
          + " against the Omni of its spec.instanceRef (none: ClusterOmniInstance default, else"
          + " --omni-url), one list per instance, with the key from the instance's token Secret in"
          + " the files (or --instance-token-file). An instance missing from the files or refused"
          + " to the connection's namespace blocks that connection, and nothing is sent to Omni"
          + " for it.",
      "With a kubeconfig (--kubeconfig or KUBECONFIG) it also reads the OmniConnections' status"
          + " in that cluster, so a resource the operator already manages is planned from what it"
          + " applied and sent; --no-cluster plans from the files alone, where an adoption's"
          + " credentials cannot be compared and are not counted as a change.",
      "On API v1 it also shows the schema-refresh schedules of each connection whose spec sets"
          + " schemaRefreshSchedules (one GET per existing connection) and the environment link of"
          + " each with environmentOf (checked against the files first; Omni's links read once per"
          + " instance, when both connections exist).",
      "Exit code: 0 nothing would change, 2 changes pending, 1 errors (invalid or blocked"
          + " resources, unreadable files, Omni or the cluster unreachable, a usage mistake)."
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

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      defaultValue = "${env:KUBECONFIG}",
      description =
          "Read the resources' status from this cluster (env KUBECONFIG; the first file of a"
              + " list).")
  String kubeconfig;

  @Option(
      names = {"-n", "--namespace"},
      description =
          "Namespace of the resources that name none (default: the kubeconfig context's, else"
              + " default), as kubectl or kustomize's namespace: would set it.")
  String namespace;

  @Option(
      names = "--no-cluster",
      description = "Plan from the files alone, even when KUBECONFIG is set.")
  boolean noCluster;

  @Option(
      names = "--instance-token-file",
      paramLabel = "INSTANCE=FILE",
      description =
          "The API key of an instance in the files whose token Secret is not in them (repeatable):"
              + " NAME for a ClusterOmniInstance, NAMESPACE/NAME for an OmniInstance.")
  Map<String, Path> instanceTokens;

  @Override
  public Integer call() {
    logs.apply(main != null && main.verbose ? "DEBUG" : "WARN");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("--output must be text or json, not " + output);
    }
    Path cluster =
        noCluster || kubeconfig == null || kubeconfig.isBlank()
            ? null
            : Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]);
    String defaultNamespace =
        namespace != null && !namespace.isBlank()
            ? namespace
            : cluster != null ? ClusterStatus.contextNamespace(cluster) : "default";
    ManifestReader.Result manifests = ManifestReader.read(files, defaultNamespace);
    if (manifests.ofKind("OmniConnection").isEmpty()) {
      throw UsageException.noOmniConnection(files, manifests.skipped());
    }
    Progress progress = new Progress(spec.commandLine().getErr());
    manifests.skipped().forEach(s -> progress.line("skipped " + s));
    FileInstances fileInstances = new FileInstances(manifests.manifests());
    Map<String, Path> keys = instanceTokens(fileInstances);
    PlanInstances instances = new PlanInstances(fileInstances);
    boolean withInstances = instances.inUse(manifests.ofKind("OmniConnection"));
    PlanRun.Result result =
        PlanRun.run(
            manifests,
            instances,
            new InstanceLists(fileInstances, keys, omni, progress),
            withInstances,
            cluster,
            progress);
    List<PlanRow> rows = result.rows();
    var out = spec.commandLine().getOut();
    if (withInstances) {
      if (output.equals("json")) {
        PlanJson.print(out, result.lists(), rows);
      } else {
        PlanPrinter.text(out, result.lists(), rows);
      }
    } else {
      int listed = result.lists().get(0).connections().size();
      if (output.equals("json")) {
        PlanJson.print(out, omni.uri().toString(), omni.prefix(), listed, rows);
      } else {
        PlanPrinter.text(out, omni.uri() + " (API " + omni.prefix() + ")", listed, rows);
      }
    }
    return PlanPrinter.exitCode(rows);
  }

  /** The --instance-token-file keys, each naming an instance in the files. */
  private Map<String, Path> instanceTokens(FileInstances inFiles) {
    if (instanceTokens == null) {
      return Map.of();
    }
    List<String> known = inFiles.all().stream().map(InstanceLists::reference).toList();
    for (String ref : instanceTokens.keySet()) {
      if (!known.contains(ref)) {
        throw new UsageException(
            "--instance-token-file "
                + ref
                + ": the files hold no such instance (NAME for a ClusterOmniInstance,"
                + " NAMESPACE/NAME for an OmniInstance; in the files: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + ")");
      }
    }
    return instanceTokens;
  }
}
