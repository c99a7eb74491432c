package dev.gitops.omni.cli;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.EnvironmentLinkStatus;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.sandbox.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds to one instance's plan rows what Omni hangs off their connections: the schedules of each
 * connection whose spec sets schemaRefreshSchedules and the environment link of each that sets
 * environmentOf. Omni is read only where that decides something: one schedules GET per connection
 * that already exists (a connection to be created gets its schedules created), and the instance's
 * environment links once, only when a link's two connections both exist ({@link EnvironmentLinks})
 * or when the cluster's status names a link the spec no longer wants (then removed, unless Omni
 * shows it gone). Rows refused for any reason, or broken by {@link EnvironmentOfChecks}, read
 * nothing.
 */
final class PlanNeighbours {
  private PlanNeighbours() {}

  /** Whether carrying the row out makes a new connection (create, or replace's new one). */
  static boolean createsConnection(PlanRow row) {
    return row.action().equals("create") || row.action().equals("replace");
  }

  /**
   * @param group the rows of one instance (its connections' manifests in {@code manifests})
   * @param broken the environmentOf rules each connection breaks, by resource
   * @param live the cluster's status by resource, null without a cluster
   */
  static List<PlanRow> add(
      List<PlanRow> group,
      List<Manifest> manifests,
      Map<String, List<Violation>> broken,
      NeighbourReads reads,
      Map<String, OmniConnectionStatus> live) {
    Map<String, OmniConnectionSpec> specs = new LinkedHashMap<>();
    manifests.forEach(m -> specs.put(ManifestPlanner.key(m), spec(m)));
    Map<String, PlanRow> byKey = new LinkedHashMap<>();
    group.forEach(r -> byKey.put(r.resource(), checked(r, broken)));
    List<PlanRow> out = new ArrayList<>();
    for (PlanRow row : byKey.values()) {
      OmniConnectionSpec spec = specs.get(row.resource());
      if (row.isRefused() || spec == null) {
        out.add(row);
        continue;
      }
      PlanSchedules schedules =
          spec.schemaRefreshSchedules == null
              ? null
              : PlanSchedules.of(row, spec.schemaRefreshSchedules, reads);
      PlanEnvironmentLink link = null;
      if (spec.environmentOf != null) {
        String base = row.resource().substring(0, row.resource().indexOf('/') + 1);
        base += spec.environmentOf.name;
        link =
            EnvironmentLinks.of(
                row, base, byKey.get(base), spec.environmentOf.userAttributeValues, reads);
      } else if (live != null
          && live.get(row.resource()) != null
          && live.get(row.resource()).environmentLink != null) {
        link = removal(row, live.get(row.resource()).environmentLink, reads);
      }
      out.add(schedules == null && link == null ? row : row.withNeighbours(schedules, link));
    }
    return out;
  }

  /** {@code row}, invalid when its environmentOf breaks a rule of the files (with why). */
  static PlanRow checked(PlanRow row, Map<String, List<Violation>> broken) {
    List<Violation> found = broken.get(row.resource());
    if (found == null || found.isEmpty()) {
      return row;
    }
    Set<String> fields = new LinkedHashSet<>();
    found.forEach(v -> fields.add(v.field()));
    String message = found.stream().map(Violation::message).collect(Collectors.joining("; "));
    if (row.isRefused()) {
      fields.addAll(row.fields());
      message += "; " + row.message();
    }
    return row.invalid(List.copyOf(fields), message);
  }

  /**
   * A link the operator made (in the cluster's {@code status}) for a spec without environmentOf:
   * removed, unless Omni shows it gone. Null when there is nothing to say.
   */
  private static PlanEnvironmentLink removal(
      PlanRow row, EnvironmentLinkStatus status, NeighbourReads reads) {
    if (!reads.available() || row.isRefused() || status.id == null) {
      return null;
    }
    Optional<List<EnvironmentLink>> links;
    try {
      links = reads.environments();
    } catch (OmniApiException e) {
      return PlanEnvironmentLink.of(
          PlanEnvironmentLink.UNREADABLE,
          null,
          null,
          List.of(),
          null,
          "could not be read: " + e.getMessage());
    }
    EnvironmentLink held =
        links.orElse(List.of()).stream()
            .filter(l -> status.id.equals(l.id()))
            .findFirst()
            .orElse(null);
    if (links.isPresent() && held == null) {
      return null;
    }
    return PlanEnvironmentLink.of(
        PlanEnvironmentLink.REMOVE,
        null,
        null,
        List.of(),
        held,
        "spec.environmentOf was removed: Omni's record "
            + status.id
            + " (to base connection "
            + status.baseConnectionId
            + ") is deleted; the connections stay");
  }

  private static OmniConnectionSpec spec(Manifest m) {
    return ((OmniConnection) m.resource()).getSpec();
  }
}
