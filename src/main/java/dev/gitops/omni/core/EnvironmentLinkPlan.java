package dev.gitops.omni.core;

import dev.gitops.omni.connection.EnvironmentLink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What makes Omni hold exactly one environment record for a connection, to the right base, with the
 * right values, decided from Omni's records alone; the operator carries it out and {@code plan}
 * shows it (docs/neighbours.md). Values compare as a set: their order means nothing to Omni.
 *
 * @param keep the record to the base to keep (null: one is created)
 * @param removes the connection's other records: to another base, or a second one to this base
 */
public record EnvironmentLinkPlan(
    Action action, EnvironmentLink keep, List<EnvironmentLink> removes) {

  public enum Action {
    /** The kept record has the values already. */
    IN_SYNC,
    /** The kept record gets the values. */
    UPDATE_VALUES,
    /** No record at all: one is created with the values. */
    CREATE,
    /** Only records to another base: they are removed and one to the base is created. */
    RELINK
  }

  /**
   * @param self the environment connection's id
   * @param base the base connection's id
   * @param links Omni's records (of the organisation, or the one the operator remembers)
   */
  public static EnvironmentLinkPlan of(
      String self, String base, List<String> values, List<EnvironmentLink> links) {
    EnvironmentLink keep = null;
    List<EnvironmentLink> removes = new ArrayList<>();
    for (EnvironmentLink l : links) {
      if (!self.equals(l.environmentConnectionId())) {
        continue;
      }
      if (keep == null && base.equals(l.baseConnectionId())) {
        keep = l;
      } else {
        removes.add(l);
      }
    }
    Action action;
    if (keep != null) {
      boolean same = new HashSet<>(keep.userAttributeValues()).equals(new HashSet<>(values));
      action = same ? Action.IN_SYNC : Action.UPDATE_VALUES;
    } else {
      action = removes.isEmpty() ? Action.CREATE : Action.RELINK;
    }
    return new EnvironmentLinkPlan(action, keep, List.copyOf(removes));
  }
}
