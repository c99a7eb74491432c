package dev.gitops.omni.core;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Plan.Action;
import dev.gitops.omni.core.Plan.Drift;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import dev.gitops.omni.model.Policies.ReplacementPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pure core: desired spec + observed Omni connections + last status → a {@link Plan}. No I/O,
 * no clock, no Kubernetes types beyond the model; every driver uses it.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(PlanInput in) {
    boolean writes =
        !in.paused()
            && (in.spec() == null || in.spec().managementPolicy != ManagementPolicy.ObserveOnly);
    if (in.deleting()) {
      return Deletion.plan(in, writes);
    }
    List<Violation> violations = SpecRules.check(in.spec());
    if (!violations.isEmpty()) {
      return blocked(
          in,
          writes,
          Reason.INVALID_SPEC,
          violations.stream().map(Violation::field).distinct().toList(),
          violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
    }
    Match match = Match.locate(in);
    return switch (match.kind()) {
      case CONFLICT ->
          blocked(in, writes, Reason.CONFLICT, List.of("spec.connectionId"), match.why());
      case MISSING_PINNED ->
          blocked(
              in, writes, Reason.CONNECTION_NOT_FOUND, List.of("spec.connectionId"), match.why());
      case NONE -> create(in, writes, match.why());
      case FOUND -> compare(in, writes, match.info(), match.adopting());
    };
  }

  private static Plan create(PlanInput in, boolean writes, String why) {
    // Omni's create takes no environment attribute: when there is one, it is not recorded as
    // applied, so the next reconcile PATCHes it
    var applied = applied(in, in.spec().baseRole, in.spec().environmentUserAttribute == null);
    return new Plan(
        Action.CREATE,
        null,
        WireSettings.newConnection(in.spec(), in.omniName()),
        ConnectionPatch.NONE,
        List.of(),
        List.of(),
        Reason.CREATING,
        "create connection '" + in.omniName() + "' (" + in.spec().dialect.wire() + "): " + why,
        writes,
        applied,
        null,
        null);
  }

  private static Plan compare(
      PlanInput in, boolean writes, ObservedConnection info, boolean adopting) {
    OmniConnectionSpec spec = in.spec();
    List<String> edited = adopting ? List.of() : Differences.immutableEdits(in);
    String retire = retire(in);
    if (!edited.isEmpty()) {
      if (spec.replacementPolicy == ReplacementPolicy.Recreate && in.createPending()) {
        Optional<ObservedConnection> lost = Match.lostReplacement(in, info.id());
        if (lost.isPresent()) {
          return new Plan(
              Action.ADOPT,
              lost.get().id(),
              null,
              ConnectionPatch.NONE,
              edited,
              List.of(),
              Reason.REPLACING,
              "switch to replacement connection "
                  + lost.get().id()
                  + ", created by an earlier attempt whose answer was lost",
              writes,
              applied(in, spec.baseRole, true),
              null,
              info.id());
        }
      }
      if (spec.replacementPolicy == ReplacementPolicy.Recreate) {
        return new Plan(
            Action.REPLACE,
            info.id(),
            WireSettings.newConnection(spec, in.omniName()),
            ConnectionPatch.NONE,
            edited,
            List.of(),
            Reason.REPLACING,
            "replace connection "
                + info.id()
                + ": Omni cannot change "
                + String.join(", ", edited)
                + " in place, so a new connection is created and the old one retired",
            writes,
            applied(in, spec.baseRole, true),
            null,
            null);
      }
      return blocked(
          in,
          writes,
          Reason.REPLACEMENT_REQUIRED,
          edited,
          "Omni cannot change "
              + String.join(", ", edited)
              + " in place on connection "
              + info.id()
              + ": revert the edit, or set spec.replacementPolicy: Recreate to create a new"
              + " connection and switch to it");
    }
    List<Drift> drift = Differences.drift(spec, in.omniName(), info);
    if (adopting && !drift.isEmpty()) {
      return new Plan(
          Action.BLOCKED,
          info.id(),
          null,
          ConnectionPatch.NONE,
          drift.stream().map(Drift::field).toList(),
          drift,
          Reason.DRIFT_DETECTED,
          "connection "
              + info.id()
              + " does not match the spec in ways Omni cannot change in place, so it is not"
              + " taken over: "
              + drift.stream().map(Drift::toString).collect(Collectors.joining("; "))
              + ". Make the spec match it, or point spec.connectionId elsewhere",
          writes,
          in.last().appliedSettings(),
          null,
          null);
    }
    ConnectionPatch patch = Differences.patch(in, info, adopting);
    String roleApplied = patch.baseRole() != null ? patch.baseRole() : spec.baseRole;
    Action action = adopting ? Action.ADOPT : patch.isEmpty() ? Action.NOTHING : Action.PATCH;
    Reason reason =
        switch (action) {
          case ADOPT -> Reason.ADOPTING;
          case PATCH -> Reason.UPDATING;
          default -> drift.isEmpty() ? Reason.AVAILABLE : Reason.DRIFT_DETECTED;
        };
    return new Plan(
        action,
        info.id(),
        null,
        patch,
        patch.fieldNames(),
        drift,
        reason,
        describe(action, info, patch, drift, in),
        writes,
        applied(in, roleApplied, true),
        retire,
        null);
  }

  private static String describe(
      Action action,
      ObservedConnection info,
      ConnectionPatch patch,
      List<Drift> drift,
      PlanInput in) {
    StringBuilder b = new StringBuilder();
    switch (action) {
      case ADOPT -> b.append("adopt existing connection ").append(info.id());
      case PATCH -> b.append("update connection ").append(info.id());
      default -> b.append("connection ").append(info.id()).append(" matches the spec");
    }
    if (!patch.isEmpty()) {
      b.append(action == Action.ADOPT ? " and update " : ": ");
      b.append(String.join(", ", patch.fieldNames()));
    }
    if (in.credentialVersions() == null) {
      b.append(" (credentials not compared: no Secret given)");
    }
    if (!drift.isEmpty()) {
      b.append("; drift Omni cannot undo in place: ");
      b.append(drift.stream().map(Drift::toString).collect(Collectors.joining("; ")));
    }
    return b.toString();
  }

  private static String retire(PlanInput in) {
    String old = in.last().replacedConnectionId();
    if (old == null || in.deletionPolicy() != DeletionPolicy.Delete) {
      return null;
    }
    return Match.find(in, old).filter(c -> !c.archived()).map(ObservedConnection::id).orElse(null);
  }

  /** What status.appliedSettings records once the plan succeeded. */
  static Map<String, String> applied(PlanInput in, String baseRole, boolean environmentSent) {
    Map<String, String> m = new TreeMap<>(WireSettings.immutable(in.spec(), in.omniName()));
    if (baseRole != null) {
      m.put(WireField.BASE_ROLE.wire(), baseRole);
    }
    if (environmentSent) {
      m.put(
          WireField.ENVIRONMENT_USER_ATTRIBUTE.wire(),
          WireSettings.environmentKey(in.spec().environmentUserAttribute));
    }
    return m;
  }

  static Plan blocked(
      PlanInput in, boolean writes, Reason reason, List<String> fields, String message) {
    return new Plan(
        Action.BLOCKED,
        in.last().connectionId(),
        null,
        ConnectionPatch.NONE,
        fields,
        List.of(),
        reason,
        message,
        writes,
        in.last().appliedSettings(),
        null,
        null);
  }
}
