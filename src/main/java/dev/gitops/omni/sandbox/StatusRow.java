package dev.gitops.omni.sandbox;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.StatusCondition;
import java.util.Objects;
import java.util.Optional;

/**
 * One OmniConnection as the sandbox reports it. Conditions count only once the operator has seen
 * the current generation: a just-edited resource is not Ready on the strength of its old spec.
 *
 * @param instance the instance its spec.instanceRef names ({@code ClusterOmniInstance/x}, {@code
 *     OmniInstance/x}), empty when it names none
 */
public record StatusRow(
    String namespace,
    String name,
    String dialect,
    String instance,
    String ready,
    String synced,
    String connectionId,
    String reason,
    String message,
    boolean current,
    boolean stalled) {

  public static StatusRow of(OmniConnection r) {
    var status = r.getStatus();
    Long generation = r.getMetadata().getGeneration();
    boolean current =
        status != null
            && status.observedGeneration != null
            && (generation == null || Objects.equals(status.observedGeneration, generation));
    Optional<StatusCondition> ready = condition(r, "Ready");
    return new StatusRow(
        r.getMetadata().getNamespace(),
        r.getMetadata().getName(),
        r.getSpec() == null || r.getSpec().dialect == null ? "" : r.getSpec().dialect.wire(),
        instance(r),
        ready.map(StatusCondition::getStatus).orElse("Unknown"),
        condition(r, "Synced").map(StatusCondition::getStatus).orElse("Unknown"),
        status == null || status.connectionId == null ? "" : status.connectionId,
        ready.map(StatusCondition::getReason).orElse(""),
        ready.map(StatusCondition::getMessage).orElse("waiting for the operator"),
        current,
        current && condition(r, "Stalled").map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  private static String instance(OmniConnection r) {
    var ref = r.getSpec() == null ? null : r.getSpec().instanceRef;
    return ref == null || ref.name == null ? "" : ref.kindOrDefault() + "/" + ref.name;
  }

  private static Optional<StatusCondition> condition(OmniConnection r, String type) {
    if (r.getStatus() == null || r.getStatus().conditions == null) {
      return Optional.empty();
    }
    return r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public String key() {
    return namespace + "/" + name;
  }

  public boolean isReady() {
    return current && "True".equals(ready);
  }

  /** Ready, or stalled: nothing more happens without a human. */
  public boolean settled() {
    return isReady() || stalled;
  }
}
