package dev.gitops.omni.core;

import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.model.StatusCondition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How each way a reconcile can end reads in the conditions: the one place that picks an {@link
 * Outcome}'s state, {@link Reason} and words. Pure; the table in docs/status-conditions.md follows
 * it.
 */
public final class Outcomes {
  private Outcomes() {}

  /**
   * The Ready message of a managed connection. A create, an update and every later poll say the
   * same words, so a poll after a create has nothing to rewrite in status.
   */
  public static String matches(String id, String replacedLeftInOmni) {
    return "connection "
        + id
        + " matches the spec"
        + (replacedLeftInOmni == null
            ? ""
            : "; the replaced connection " + replacedLeftInOmni + " is left in Omni");
  }

  /** A create went through; with an environment attribute, a PATCH for it follows at once. */
  public static Outcome created(String id, boolean environmentNext, String replacedLeftInOmni) {
    return environmentNext
        ? Outcome.inProgress(
            Reason.UPDATING,
            "created connection " + id + "; setting its environment attribute next")
        : Outcome.ready(Reason.AVAILABLE, matches(id, replacedLeftInOmni));
  }

  /** A plan that found the connection (nothing to do, patched or adopted) was carried out. */
  public static Outcome applied(Plan plan, String replacedLeftInOmni) {
    if (!plan.drift().isEmpty()) {
      return Outcome.stalled(
          Reason.DRIFT_DETECTED,
          "connection "
              + plan.connectionId()
              + " drifted in a way Omni cannot undo in place: "
              + plan.drift().stream().map(Plan.Drift::toString).collect(Collectors.joining("; "))
              + ". Change it back in Omni, or change the spec to match");
    }
    return Outcome.ready(Reason.AVAILABLE, matches(plan.connectionId(), replacedLeftInOmni));
  }

  /** A plan that needs a human. */
  public static Outcome blocked(Plan plan) {
    return Outcome.stalled(plan.reason(), plan.message());
  }

  /**
   * A plan that may not write: paused (nothing is written; says what would be done), or
   * managementPolicy ObserveOnly (Ready when Omni matches, else DriftDetected).
   */
  public static Outcome readOnly(Plan plan, boolean paused, String pausedAnnotation) {
    boolean wouldChange = plan.changesOmni() || plan.action() == Plan.Action.CREATE;
    if (paused) {
      return Outcome.paused(
          "paused by annotation "
              + pausedAnnotation
              + ": nothing is written to Omni"
              + (wouldChange ? "; would " + plan.message() : ""));
    }
    if (plan.blocked()) {
      return blocked(plan);
    }
    if (wouldChange || !plan.drift().isEmpty()) {
      return Outcome.stalled(
          Reason.DRIFT_DETECTED,
          "managementPolicy ObserveOnly: Omni differs from the spec; would " + plan.message());
    }
    return Outcome.ready(Reason.OBSERVE_ONLY, "observing only: " + plan.message());
  }

  public static Outcome invalidSpec(List<Violation> violations) {
    return Outcome.stalled(
        Reason.INVALID_SPEC,
        violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
  }

  /** Another resource wants the same Omni name and dialect and goes first. */
  public static Outcome rival(String rivalKey, String omniName, String dialect) {
    return Outcome.stalled(
        Reason.CONFLICT,
        "OmniConnection "
            + rivalKey
            + " also wants the Omni connection '"
            + omniName
            + "' ("
            + dialect
            + "): give one of them another spec.name");
  }

  /** The instance a connection names does not exist. */
  public static Outcome instanceNotFound(String instance) {
    return Outcome.stalled(
        Reason.INSTANCE_NOT_FOUND,
        instance
            + " does not exist: create it, or point spec.instanceRef at one that does; nothing"
            + " was sent to Omni");
  }

  /** The instance exists, but this connection's namespace may not use it. */
  public static Outcome instanceNotAllowed(String instance, String namespace) {
    return Outcome.stalled(
        Reason.INSTANCE_NOT_ALLOWED,
        "namespace "
            + namespace
            + " may not use "
            + instance
            + ": add it to the instance's spec.namespaces, or use another instance; nothing was"
            + " sent to Omni");
  }

  /** The instance exists but cannot be used yet (its key is missing or was refused). */
  public static Outcome instanceNotReady(String instance, String why) {
    return Outcome.retrying(
        Reason.INSTANCE_NOT_READY, instance + " is not ready (" + why + "); waiting for it");
  }

  /** A create's answer was lost, and Omni's list has not had time to show whether it stored it. */
  public static Outcome createPending() {
    return Outcome.retrying(
        Reason.CREATE_PENDING,
        "a create's answer was lost; waiting for Omni's list to show whether it was stored");
  }

  /** The request budget holds this resource's call back; nothing was sent. */
  public static Outcome budgetWait(String detail) {
    return Outcome.retrying(Reason.RATE_LIMITED, detail);
  }

  /**
   * An Omni call failed: retried by itself when trying again can help (or the connection just
   * vanished, which a fresh list sorts out), otherwise Stalled with what to do about it.
   */
  public static Outcome failed(OmniFailure failure, String omniMessage) {
    Reason reason = Reason.of(failure);
    if (failure.retryable() || failure.vanished()) {
      return Outcome.retrying(reason, omniMessage + "; retrying with backoff");
    }
    String hint =
        switch (failure) {
          case NOT_AUTHORISED ->
              ". Check the operator's Omni API key: it must be an organisation key with admin"
                  + " rights; then annotate this resource to retry";
          case INVALID_REQUEST -> ". Fix the spec (or the Secret) to retry";
          default -> "";
        };
    return Outcome.stalled(reason, omniMessage + hint);
  }

  /** What a status recorded as Stalled says, for inputs Omni already rejected. */
  public static Outcome stillStalled(List<StatusCondition> conditions) {
    var stalled =
        conditions.stream()
            .filter(c -> StatusBuilder.STALLED.equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
    return Outcome.stalled(
        stalled.flatMap(c -> Reason.parse(c.getReason())).orElse(Reason.OMNI_REJECTED),
        stalled.map(StatusCondition::getMessage).orElse("Omni rejected the last attempt"));
  }

  /** The state's name as metrics and the sandbox print it. */
  public static String stateName(Outcome o) {
    return switch (o.state()) {
      case READY -> StatusBuilder.READY;
      case IN_PROGRESS, RETRYING -> StatusBuilder.RECONCILING;
      case STALLED -> StatusBuilder.STALLED;
      case PAUSED -> Reason.PAUSED.text();
    };
  }
}
