package dev.gitops.omni.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/** An event source the operator fires itself: "reconcile this resource soon". */
final class TriggerEvents<P extends HasMetadata> extends AbstractEventSource<Void, P> {
  TriggerEvents(String name) {
    super(Void.class, name);
  }

  void trigger(ResourceID id) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(id));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(P primary) {
    return Set.of();
  }
}
