package dev.gitops.omni.core;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner looks at, gathered by a driver (the reconciler or the command line).
 *
 * @param resourceKey {@code namespace/name} of the resource being planned
 * @param omniName the connection's name in Omni (spec.name, else metadata.name)
 * @param paused the paused annotation is set
 * @param deleting the resource is being deleted
 * @param deletionPolicy effective policy (spec, else the operator's default)
 * @param createPending the create-pending annotation is set: a POST may have reached Omni
 * @param last what the status recorded last time
 * @param credentialVersions version of each referenced Secret by Omni field, or null when the
 *     Secrets were not read (plan without Secrets): credentials are then not compared
 * @param observed Omni's connection list, archived ones included
 * @param claims connection ids claimed by OTHER resources, by id
 */
public record PlanInput(
    String resourceKey,
    OmniConnectionSpec spec,
    String omniName,
    boolean paused,
    boolean deleting,
    DeletionPolicy deletionPolicy,
    boolean createPending,
    LastApplied last,
    Map<String, String> credentialVersions,
    List<ObservedConnection> observed,
    Map<String, Claim> claims) {

  public PlanInput {
    last = last == null ? LastApplied.NONE : last;
    observed = observed == null ? List.of() : observed;
    claims = claims == null ? Map.of() : claims;
  }

  /**
   * Another resource's hold on a connection id.
   *
   * @param resourceKey its {@code namespace/name}
   * @param established the id is in its status (it manages the connection), not only pinned in its
   *     spec
   */
  public record Claim(String resourceKey, boolean established) {}

  /** What the previous reconcile recorded in status. */
  public record LastApplied(
      String connectionId,
      Map<String, String> appliedSettings,
      Map<String, String> credentialsVersion,
      String replacedConnectionId) {
    public static final LastApplied NONE = new LastApplied(null, Map.of(), Map.of(), null);

    public LastApplied {
      appliedSettings = appliedSettings == null ? Map.of() : Map.copyOf(appliedSettings);
      credentialsVersion = credentialsVersion == null ? Map.of() : Map.copyOf(credentialsVersion);
    }
  }
}
