package dev.gitops.omni.operator;

import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import java.util.ArrayList;
import java.util.List;

/** {@link Events} kept in a list, for the operator's unit tests. */
final class RecordingEvents implements Events {
  record Event(String type, Reason reason, String message) {}

  private final List<Event> events = new ArrayList<>();

  @Override
  public void normal(OmniConnection r, Reason reason, String message) {
    events.add(new Event("Normal", reason, message));
  }

  @Override
  public void warning(OmniConnection r, Reason reason, String message) {
    events.add(new Event("Warning", reason, message));
  }

  @Override
  public void forget(OmniConnection r) {}

  List<Event> all() {
    return List.copyOf(events);
  }

  List<Reason> reasons() {
    return events.stream().map(Event::reason).toList();
  }
}
