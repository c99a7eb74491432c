package dev.gitops.omni.core;

import dev.gitops.omni.connection.OmniFailure;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every reason the operator writes to a condition or an event, in one place. The CamelCase text is
 * what users see and alert on (docs/status-conditions.md), so it never changes for a release.
 */
public enum Reason {
  // conditions: what the resource is
  AVAILABLE("Available"),
  CREATING("Creating"),
  UPDATING("Updating"),
  ADOPTING("Adopting"),
  REPLACING("Replacing"),
  DELETING("Deleting"),
  ORPHANED("Orphaned"),
  PAUSED("Paused"),
  OBSERVE_ONLY("ObserveOnly"),
  CREATE_PENDING("CreatePending"),
  INVALID_SPEC("InvalidSpec"),
  CONFLICT("Conflict"),
  CONNECTION_NOT_FOUND("ConnectionNotFound"),
  REPLACEMENT_REQUIRED("ReplacementRequired"),
  DRIFT_DETECTED("DriftDetected"),
  CREDENTIALS_NOT_FOUND("CredentialsNotFound"),
  INVALID_CREDENTIALS("InvalidCredentials"),
  // a connection's instance (docs/tenancy.md)
  INSTANCE_NOT_FOUND("InstanceNotFound"),
  INSTANCE_NOT_ALLOWED("InstanceNotAllowed"),
  INSTANCE_NOT_READY("InstanceNotReady"),
  // an instance itself: its key and its list call
  CONNECTING("Connecting"),
  SECRET_NOT_FOUND("SecretNotFound"),
  UNAUTHORIZED("Unauthorized"),
  FORBIDDEN("Forbidden"),
  UNREACHABLE("Unreachable"),
  IN_USE("InUse"),
  // what Omni answered
  OMNI_REJECTED("OmniRejected"),
  PERMISSION_DENIED("PermissionDenied"),
  NOT_FOUND("NotFound"),
  GONE("Gone"),
  RATE_LIMITED("RateLimited"),
  OMNI_UNAVAILABLE("OmniUnavailable"),
  // events only: what the operator did
  CREATED("Created"),
  UPDATED("Updated"),
  ADOPTED("Adopted"),
  REPLACED("Replaced"),
  DELETED("Deleted"),
  CREDENTIALS_ROTATED("CredentialsRotated"),
  SCHEDULES_UPDATED("SchedulesUpdated"),
  SCHEDULES_FAILED("SchedulesFailed"),
  ENVIRONMENT_LINKED("EnvironmentLinked"),
  ENVIRONMENT_UNLINKED("EnvironmentUnlinked"),
  ENVIRONMENT_FAILED("EnvironmentFailed");

  private final String text;

  Reason(String text) {
    this.text = text;
  }

  /** The reason for a failed Omni call. */
  public static Reason of(OmniFailure failure) {
    return switch (failure) {
      case INVALID_REQUEST -> OMNI_REJECTED;
      case NOT_AUTHORISED -> PERMISSION_DENIED;
      case NOT_FOUND -> NOT_FOUND;
      case GONE -> GONE;
      case RATE_LIMITED -> RATE_LIMITED;
      case UNAVAILABLE -> OMNI_UNAVAILABLE;
    };
  }

  /** The reason a condition holds, when it is one of ours. */
  public static Optional<Reason> parse(String text) {
    return Arrays.stream(values()).filter(r -> r.text.equals(text)).findFirst();
  }

  /** Said only in Events (what the operator did), never in a condition. */
  public boolean eventOnly() {
    return switch (this) {
      case CREATED,
          UPDATED,
          ADOPTED,
          REPLACED,
          DELETED,
          CREDENTIALS_ROTATED,
          SCHEDULES_UPDATED,
          SCHEDULES_FAILED,
          ENVIRONMENT_LINKED,
          ENVIRONMENT_UNLINKED,
          ENVIRONMENT_FAILED ->
          true;
      default -> false;
    };
  }

  /** The CamelCase word written to conditions and events. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
