package dev.gitops.omni.cli;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
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
      "With a kubeconfig (--kubeconfig or KUBECONFIG) it also reads the OmniConnections' status"
          + " in that cluster, so a resource the operator already manages is planned from what it"
          + " applied and sent; --no-cluster plans from the files alone, where an adoption's"
          + " credentials cannot be compared and are not counted as a change.",
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

  /** deletionPolicy Delete cannot be carried out on the unstable API: say so on those rows. */
  private static List<PlanRow> warnUnstableDelete(
      List<PlanRow> rows, ManifestReader.Result manifests) {
    java.util.Set<String> deleting = new java.util.HashSet<>();
    for (var m : manifests.ofKind("OmniConnection")) {
      var spec = ((dev.gitops.omni.model.OmniConnection) m.resource()).getSpec();
      if (spec != null
          && spec.deletionPolicy == dev.gitops.omni.model.Policies.DeletionPolicy.Delete) {
        deleting.add(ManifestPlanner.key(m));
      }
    }
    return rows.stream()
        .map(
            r ->
                deleting.contains(r.resource())
                    ? r.noted(dev.gitops.omni.core.Outcome.UNSTABLE_CANNOT_ARCHIVE)
                    : r)
        .toList();
  }

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
    List<ObservedConnection> listed;
    try (var client = omni.client()) {
      progress.line("listing Omni's connections at " + omni.uri());
      listed = client.list(ListFilter.ALL_INCLUDING_DELETED);
    }
    Map<String, OmniConnectionStatus> live = null;
    if (cluster != null) {
      progress.line("reading the OmniConnections' status from the cluster in " + cluster);
      live = ClusterStatus.read(cluster, manifests.ofKind("OmniConnection"));
    } else {
      progress.line("no cluster: credentials Omni holds cannot be compared (see --kubeconfig)");
    }
    List<PlanRow> rows = ManifestPlanner.plan(manifests, listed, live);
    if ("unstable".equals(omni.prefix())) {
      rows = warnUnstableDelete(rows, manifests);
    }
    var out = spec.commandLine().getOut();
    if (output.equals("json")) {
      PlanPrinter.json(out, omni.uri().toString(), omni.prefix(), listed.size(), rows);
    } else {
      PlanPrinter.text(out, omni.uri() + " (API " + omni.prefix() + ")", listed.size(), rows);
    }
    return PlanPrinter.exitCode(rows);
  }
}
