package dev.gitops.omni.operator;

import dev.gitops.omni.core.EnvironmentRules;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Outcomes;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.core.Violation;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What must hold before a resource is planned: a valid spec, readable credentials, inputs Omni has
 * not already rejected, no other resource about to create the same connection, and no create whose
 * answer was lost still settling. None of it calls Omni.
 */
final class Preconditions {
  private final PlanInputCollector inputs;
  private final RejectionMemory rejections;
  private final Events events;

  Preconditions(PlanInputCollector inputs, RejectionMemory rejections, Events events) {
    this.inputs = inputs;
    this.rejections = rejections;
    this.events = events;
  }

  /** Either the credentials to go on with, or the step the reconcile ends with. */
  record Gate(CredentialResolver.Resolved creds, Step stop) {
    static Gate proceed(CredentialResolver.Resolved creds) {
      return new Gate(creds, null);
    }

    static Gate stop(Step step) {
      return new Gate(null, step);
    }

    boolean stopped() {
      return stop != null;
    }
  }

  /** Checks {@code r}; clears status.failedInputs when the inputs changed since a rejection. */
  Gate check(
      OmniConnection r,
      OmniConnectionStatus status,
      CredentialResolver credentials,
      ResourceIndex resources) {
    List<Violation> violations = new java.util.ArrayList<>(SpecRules.check(r.getSpec()));
    if (violations.isEmpty()) {
      violations.addAll(environment(r, resources));
    }
    if (!violations.isEmpty()) {
      return warn(r, status, Outcomes.invalidSpec(violations), null);
    }
    var creds = credentials.resolve(r);
    if (!creds.ok()) {
      return warn(r, status, Outcome.stalled(creds.failureReason(), creds.failureMessage()), null);
    }
    String fingerprint = rejections.fingerprintOf(r, creds.versions());
    // memory first: this copy of the resource may predate the status write of the rejection
    Optional<Outcome> remembered = rejections.recall(PlanInputCollector.key(r), fingerprint);
    if (remembered.isPresent()) {
      status.failedInputs = fingerprint;
      return Gate.stop(new Step(r, status, remembered.get(), null));
    }
    if (fingerprint.equals(status.failedInputs)) {
      return Gate.stop(new Step(r, status, Outcomes.stillStalled(status.conditions), null));
    }
    status.failedInputs = null;
    Optional<String> rival = inputs.rivalForName(r, resources);
    if (rival.isPresent()) {
      Outcome conflict = Outcomes.rival(rival.get(), r.omniName(), r.getSpec().dialect.wire());
      // look again now and then: the other resource may be renamed or deleted (no Omni call)
      return warn(r, status, conflict, inputs.pollInterval(r));
    }
    Duration settle = inputs.createSettleRemaining(r);
    if (!settle.isZero()) {
      return Gate.stop(new Step(r, status, Outcomes.createPending(), settle));
    }
    return Gate.proceed(creds);
  }

  /** spec.environmentOf against its base and the base's other environments (no Omni call). */
  private static List<Violation> environment(OmniConnection r, ResourceIndex resources) {
    var env = r.getSpec().environmentOf;
    if (env == null) {
      return List.of();
    }
    String ns = r.getMetadata().getNamespace();
    EnvironmentRules.Base base =
        resources
            .byName(ns, env.name)
            .filter(b -> b.getMetadata().getDeletionTimestamp() == null && b.getSpec() != null)
            .map(
                b ->
                    EnvironmentRules.Base.of(
                        b.getMetadata().getName(),
                        b.getSpec(),
                        InstanceId.of(b).equals(InstanceId.of(r))))
            .orElse(null);
    List<EnvironmentRules.Sibling> siblings =
        resources.environmentsOf(ns, env.name).stream()
            .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
            .map(
                o ->
                    new EnvironmentRules.Sibling(
                        o.getMetadata().getName(), o.getSpec().environmentOf.userAttributeValues))
            .toList();
    return EnvironmentRules.check(
        r.getMetadata().getName(), ns, r.getSpec().dialect, env, base, siblings);
  }

  private Gate warn(OmniConnection r, OmniConnectionStatus status, Outcome o, Duration requeue) {
    events.warning(r, o.reason(), o.message());
    return Gate.stop(new Step(r, status, o, requeue));
  }
}
