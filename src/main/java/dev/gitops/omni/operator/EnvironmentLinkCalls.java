package dev.gitops.omni.operator;

import dev.gitops.omni.client.NeighbourClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.EnvironmentLinkPlan;
import java.util.List;
import java.util.Optional;

/**
 * The calls that make Omni hold exactly one environment record for a connection, to the right base,
 * with the right values: Omni's list when it has one (else the record the status remembers),
 * records to another base removed, the record created or its values set.
 */
final class EnvironmentLinkCalls {
  private EnvironmentLinkCalls() {}

  /** The record's id, and what changed (null: nothing). */
  record Result(String id, String changed) {}

  /**
   * @param listed Omni's links (empty: this Omni has no list)
   * @param created told the id of a record as soon as Omni made it, before its values are set: a
   *     failure in between must not lose it (a second create for the same pair is refused)
   */
  static Result apply(
      NeighbourClient omni,
      Optional<List<EnvironmentLink>> listed,
      String self,
      String base,
      List<String> values,
      Optional<EnvironmentLink> remembered,
      java.util.function.Consumer<String> created) {
    List<EnvironmentLink> known =
        listed.orElseGet(() -> remembered.map(List::of).orElse(List.of()));
    EnvironmentLinkPlan plan = EnvironmentLinkPlan.of(self, base, values, known);
    String changed = null;
    for (EnvironmentLink l : plan.removes()) {
      unlink(omni, l.id());
      changed = "environment link to connection " + l.baseConnectionId() + " removed";
    }
    EnvironmentLink keep = plan.keep();
    if (plan.action() == EnvironmentLinkPlan.Action.UPDATE_VALUES) {
      try {
        omni.setEnvironmentValues(keep.id(), values);
        return new Result(keep.id(), "environment values set to " + String.join(", ", values));
      } catch (OmniApiException e) {
        if (e.kind() != OmniFailure.NOT_FOUND || !remembered.isPresent()) {
          throw e;
        }
        keep = null; // the record the status remembered is gone (removed in Omni): make it again
      }
    }
    if (keep == null) {
      List<EnvironmentLink> made = omni.linkEnvironments(base, List.of(self));
      String id = made.isEmpty() ? null : made.get(0).id();
      if (id == null) {
        throw new OmniApiException(
            OmniFailure.INVALID_REQUEST, 0, "Omni's environment create named no record");
      }
      created.accept(id);
      omni.setEnvironmentValues(id, values);
      return new Result(id, "linked as an environment of connection " + base);
    }
    return new Result(keep.id(), changed);
  }

  /** Removes a record; one already gone is fine. */
  static void unlink(NeighbourClient omni, String id) {
    try {
      omni.unlinkEnvironment(id);
    } catch (OmniApiException e) {
      if (e.kind() != OmniFailure.NOT_FOUND && e.kind() != OmniFailure.GONE) {
        throw e;
      }
    }
  }
}
