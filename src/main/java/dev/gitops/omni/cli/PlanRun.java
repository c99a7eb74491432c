package dev.gitops.omni.cli;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.sandbox.Manifest;
import dev.gitops.omni.sandbox.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code plan}'s work between reading the files and printing: each OmniConnection's instance
 * ({@link PlanInstances}), one list per instance used ({@link InstanceLists}), never one per
 * connection, then the operator's planner per instance ({@link ManifestPlanner}), then what Omni
 * holds around the connections ({@link PlanNeighbours}) through the client that listed. A
 * connection whose instance is refused or cannot be listed gets a blocked row and costs no Omni
 * call.
 */
final class PlanRun {
  /**
   * @param lists the instances listed, in the order their connections come
   * @param rows every connection's row, by resource
   */
  record Result(List<InstanceLists.Listed> lists, List<PlanRow> rows) {}

  private PlanRun() {}

  /**
   * @param withInstances tag each row with its instance (the files use instances)
   * @param cluster the kubeconfig to read the resources' status from, or null
   */
  static Result run(
      ManifestReader.Result files,
      PlanInstances instances,
      InstanceLists lister,
      boolean withInstances,
      Path cluster,
      Progress progress) {
    List<Manifest> connections = files.ofKind("OmniConnection");
    List<PlanRow> rows = new ArrayList<>();
    Map<String, List<Manifest>> groups = new LinkedHashMap<>();
    Map<String, PlanInstances.Choice> choices = new LinkedHashMap<>();
    Map<String, String> instanceOf = new HashMap<>();
    for (Manifest m : sorted(connections)) {
      PlanInstances.Choice c = instances.resolve((OmniConnection) m.resource());
      if (c.refused()) {
        rows.add(PlanRows.instanceRefused(m, c.id(), c.reason(), c.message()));
      } else {
        groups.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(m);
        choices.putIfAbsent(c.id(), c);
        instanceOf.put(ManifestPlanner.key(m), c.id());
      }
    }
    Map<String, List<Violation>> broken = EnvironmentOfChecks.check(connections, instanceOf);
    rows.replaceAll(r -> PlanNeighbours.checked(r, broken));
    List<InstanceLists.Listed> lists = new ArrayList<>();
    try {
      choices.values().forEach(c -> lists.add(lister.list(c)));
      Map<String, OmniConnectionStatus> live = null;
      if (cluster != null) {
        progress.line("reading the OmniConnections' status from the cluster in " + cluster);
        live = ClusterStatus.read(cluster, connections);
      } else {
        progress.line("no cluster: credentials Omni holds cannot be compared (see --kubeconfig)");
      }
      for (InstanceLists.Listed listed : lists) {
        List<PlanRow> planned = plan(files, groups.get(listed.id()), listed, live, broken);
        planned.forEach(r -> rows.add(withInstances ? r.withInstance(listed.id()) : r));
      }
    } finally {
      lists.stream().filter(l -> l.reads() != null).forEach(l -> l.reads().close());
    }
    rows.sort(Comparator.comparing(PlanRow::resource));
    return new Result(lists, rows);
  }

  private static List<PlanRow> plan(
      ManifestReader.Result files,
      List<Manifest> group,
      InstanceLists.Listed listed,
      Map<String, OmniConnectionStatus> live,
      Map<String, List<Violation>> broken) {
    if (listed.problem() != null) {
      return group.stream()
          .map(
              m ->
                  PlanRows.instanceRefused(
                      m,
                      listed.id(),
                      Reason.INSTANCE_NOT_READY.text(),
                      listed.id()
                          + " could not be listed: "
                          + listed.problem()
                          + "; nothing was planned for its connections"))
          .map(r -> PlanNeighbours.checked(r, broken))
          .toList();
    }
    Map<String, OmniConnectionStatus> mine = null;
    if (live != null) {
      Set<String> keys = new HashSet<>(group.stream().map(ManifestPlanner::key).toList());
      mine = new LinkedHashMap<>(live);
      mine.keySet().retainAll(keys);
    }
    List<PlanRow> rows = ManifestPlanner.plan(files, group, listed.connections(), mine);
    rows = PlanNeighbours.add(rows, group, broken, listed.reads(), mine);
    return "unstable".equals(listed.prefix()) ? warnUnstableDelete(rows, group) : rows;
  }

  /** deletionPolicy Delete cannot be carried out on the unstable API: say so on those rows. */
  private static List<PlanRow> warnUnstableDelete(List<PlanRow> rows, List<Manifest> group) {
    Set<String> deleting = new HashSet<>();
    for (Manifest m : group) {
      var spec = ((OmniConnection) m.resource()).getSpec();
      if (spec != null && spec.deletionPolicy == DeletionPolicy.Delete) {
        deleting.add(ManifestPlanner.key(m));
      }
    }
    return rows.stream()
        .map(r -> deleting.contains(r.resource()) ? r.noted(Outcome.UNSTABLE_CANNOT_ARCHIVE) : r)
        .toList();
  }

  private static List<Manifest> sorted(List<Manifest> connections) {
    List<Manifest> out = new ArrayList<>(connections);
    out.sort(Comparator.comparing(ManifestPlanner::key));
    return out;
  }
}
