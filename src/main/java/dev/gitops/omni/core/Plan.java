package dev.gitops.omni.core;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import java.util.List;
import java.util.Map;

/**
 * What the operator would do for one resource, and why. Computed without I/O by {@link Planner};
 * carried out by a driver only when {@link #writesAllowed()}.
 *
 * @param connectionId the existing connection acted on (adopt, patch, delete, nothing; the old one
 *     for replace), null for create
 * @param create the connection to create, without credentials (create, replace), else null
 * @param patch the in-place changes (patch, adopt), or {@link ConnectionPatch#NONE}
 * @param fields the fields a replace or block is about
 * @param drift immutable differences seen in Omni that cannot be patched back
 * @param reason why, in the words conditions use
 * @param message plain words: what and why
 * @param appliedSettings what status.appliedSettings should hold once the plan succeeded
 * @param retire a previously replaced connection to archive now (deletionPolicy Delete)
 * @param replaces for an adopt: the connection this one replaces (its create answer was lost)
 */
public record Plan(
    Action action,
    String connectionId,
    NewConnection create,
    ConnectionPatch patch,
    List<String> fields,
    List<Drift> drift,
    Reason reason,
    String message,
    boolean writesAllowed,
    Map<String, String> appliedSettings,
    String retire,
    String replaces) {

  /** The outcome kinds. */
  public enum Action {
    CREATE,
    ADOPT,
    PATCH,
    REPLACE,
    DELETE,
    NOTHING,
    BLOCKED
  }

  /** An immutable setting that differs in Omni from the spec. */
  public record Drift(String field, String desired, String observed) {
    @Override
    public String toString() {
      return field + " is '" + observed + "' in Omni, spec says '" + desired + "'";
    }
  }

  /** True when carrying the plan out would write to Omni. */
  public boolean changesOmni() {
    return switch (action) {
      case CREATE, REPLACE, DELETE, PATCH -> true;
      case ADOPT -> !patch.isEmpty();
      case NOTHING, BLOCKED -> retire != null;
    };
  }

  public boolean blocked() {
    return action == Action.BLOCKED;
  }
}
