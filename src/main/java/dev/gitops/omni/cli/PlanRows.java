package dev.gitops.omni.cli;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.WireSettings;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link Plan} into the words {@code plan} prints. Never touches a secret value. */
final class PlanRows {
  private PlanRows() {}

  /**
   * @param clusterless planned from the files alone: an adoption's credentials are not counted as a
   *     change, since nothing shows whether the operator already sent them
   */
  static PlanRow of(
      Manifest m,
      OmniConnection r,
      Plan plan,
      FileCredentials.Found creds,
      ObservedConnection info,
      boolean clusterless) {
    ConnectionPatch patch = plan.patch();
    boolean credentialsUnknown =
        clusterless && plan.action() == Plan.Action.ADOPT && patch.rotatesCredentials();
    if (credentialsUnknown) {
      patch =
          new ConnectionPatch(
              patch.baseRole(), patch.setEnvironment(), patch.environment(), Set.of(), Map.of());
    }
    String action = action(r, plan, patch);
    List<String> changes = changes(r, patch, info);
    String message =
        switch (action) {
          case "adopt" ->
              "adopt connection "
                  + plan.connectionId()
                  + " (same name and dialect)"
                  + (changes.isEmpty() ? "" : "; then " + String.join("; ", changes));
          case "patch" ->
              "update connection " + plan.connectionId() + ": " + String.join("; ", changes);
          case "nothing" -> "connection " + plan.connectionId() + " matches the spec";
          default -> plan.message().replace(" (credentials not compared: no Secret given)", "");
        };
    message += notes(r, plan, creds);
    if (credentialsUnknown) {
      message +=
          "; credentials cannot be compared without a cluster: the operator sends them once when"
              + " it adopts a connection (plan --kubeconfig reads what it sent)";
    }
    List<String> fields =
        action.equals("replace") || plan.blocked() ? plan.fields() : patch.fieldNames();
    return new PlanRow(
        ManifestPlanner.key(m),
        m.origin(),
        r.omniName(),
        dialect(r),
        action,
        plan.connectionId(),
        fields,
        changes,
        plan.reason().text(),
        message,
        plan.drift(),
        plan.create() == null ? Map.of() : plan.create().settingsByWireName(),
        creds.versions() != null && !credentialsUnknown,
        plan.writesAllowed(),
        null,
        null,
        null);
  }

  static PlanRow credentialsProblem(Manifest m, FileCredentials.Found creds) {
    return unplanned(m, "invalid", creds.failureReason(), creds.failureMessage());
  }

  /**
   * A connection whose instance cannot be used (InstanceNotFound, InstanceNotAllowed,
   * InstanceNotReady): blocked, and nothing was sent to Omni for it.
   */
  static PlanRow instanceRefused(Manifest m, String instance, String reason, String message) {
    return unplanned(m, "blocked", reason, message).withInstance(instance);
  }

  private static PlanRow unplanned(Manifest m, String action, String reason, String message) {
    OmniConnection r = (OmniConnection) m.resource();
    return new PlanRow(
        ManifestPlanner.key(m),
        m.origin(),
        r.omniName(),
        dialect(r),
        action,
        null,
        List.of(),
        List.of(),
        reason,
        message,
        List.of(),
        Map.of(),
        false,
        true,
        null,
        null,
        null);
  }

  private static String action(OmniConnection r, Plan plan, ConnectionPatch patch) {
    boolean pinned = r.getSpec() != null && r.getSpec().connectionId != null;
    return switch (plan.action()) {
      case CREATE -> "create";
      case REPLACE -> "replace";
      case PATCH -> "patch";
      case NOTHING, DELETE -> "nothing";
      case BLOCKED -> plan.reason() == Reason.INVALID_SPEC ? "invalid" : "blocked";
      case ADOPT -> !pinned ? "adopt" : patch.isEmpty() ? "nothing" : "patch";
    };
  }

  /** Each in-place change in words: old and new for settings, only the field for credentials. */
  static List<String> changes(OmniConnection r, ConnectionPatch p, ObservedConnection info) {
    List<String> out = new ArrayList<>();
    if (p.baseRole() != null) {
      String old =
          info == null || info.baseRole() == null ? "(not shown by Omni)" : info.baseRole();
      out.add("baseRole: " + old + " -> " + p.baseRole());
    }
    if (p.setEnvironment()) {
      String old =
          info == null
              ? ""
              : WireSettings.environmentKey(
                  info.environmentAttributeName(), info.environmentDefaultValues());
      String now = WireSettings.environmentKey(p.environment());
      out.add(
          WireField.ENVIRONMENT_USER_ATTRIBUTE
              + ": "
              + (old.isEmpty() ? "(none)" : old)
              + " -> "
              + (now.isEmpty() ? "(none)" : now));
    }
    var spec = r.getSpec();
    if (p.rotated().contains(WireField.PASSWORD)) {
      out.add("send " + WireField.PASSWORD + " from Secret " + spec.passwordSecretRef.name);
    }
    if (p.rotated().contains(WireField.PRIVATE_KEY)) {
      out.add("send " + WireField.PRIVATE_KEY + " from Secret " + spec.privateKeySecretRef.name);
    }
    return out;
  }

  private static String notes(OmniConnection r, Plan plan, FileCredentials.Found creds) {
    StringBuilder b = new StringBuilder();
    if (!plan.blocked() && !plan.drift().isEmpty()) {
      b.append("; drift Omni cannot undo in place: ");
      b.append(String.join("; ", plan.drift().stream().map(Plan.Drift::toString).toList()));
    }
    if (!creds.missing().isEmpty() && plan.reason() != Reason.INVALID_SPEC) {
      b.append("; credentials not compared: Secret ")
          .append(String.join(", ", creds.missing()))
          .append(" is not in the files");
    }
    List<String> placeholders = Placeholders.in(r.getSpec());
    if (!placeholders.isEmpty()) {
      b.append("; fill in ").append(String.join(", ", placeholders));
    }
    if (!plan.writesAllowed()) {
      b.append(
          r.isPaused() ? " (paused: nothing is written)" : " (ObserveOnly: nothing is written)");
    }
    return b.toString();
  }

  private static String dialect(OmniConnection r) {
    return r.getSpec() == null || r.getSpec().dialect == null ? "" : r.getSpec().dialect.wire();
  }
}
