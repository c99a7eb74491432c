package dev.gitops.omni.core;

import dev.gitops.omni.model.EnvironmentUserAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the operator would do for one resource, and why. Computed without I/O by {@link Planner};
 * carried out by a driver only when {@link #writesAllowed()}.
 *
 * @param connectionId the existing connection acted on (adopt, patch, delete, nothing; the old one
 *     for replace), null for create
 * @param createBody the non-secret create body (create, replace)
 * @param patch the in-place changes (patch, adopt), or {@link Patch#NONE}
 * @param fields the fields a replace or block is about
 * @param drift immutable differences seen in Omni that cannot be patched back
 * @param reason a stable CamelCase reason (Creating, Updating, InvalidSpec, Conflict, ...)
 * @param message plain words: what and why
 * @param appliedSettings what status.appliedSettings should hold once the plan succeeded
 * @param retire a previously replaced connection to archive now (deletionPolicy Delete)
 * @param replaces for an adopt: the connection this one replaces (its create answer was lost)
 */
public record Plan(
    Action action,
    String connectionId,
    Map<String, Object> createBody,
    Patch patch,
    List<String> fields,
    List<Drift> drift,
    String reason,
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

  /**
   * In-place changes. {@code baseRole} null means unchanged; {@code setEnvironment} with a null
   * environment removes it; the rotate flags send the current Secret value.
   */
  public record Patch(
      String baseRole,
      boolean setEnvironment,
      EnvironmentUserAttribute environment,
      boolean rotatePassword,
      boolean rotatePrivateKey) {
    public static final Patch NONE = new Patch(null, false, null, false, false);

    public boolean isEmpty() {
      return baseRole == null && !setEnvironment && !rotatePassword && !rotatePrivateKey;
    }

    public boolean rotatesCredentials() {
      return rotatePassword || rotatePrivateKey;
    }

    /** Omni field names this patch sends. */
    public List<String> fieldNames() {
      List<String> f = new ArrayList<>();
      if (baseRole != null) {
        f.add("baseRole");
      }
      if (setEnvironment) {
        f.add("environmentUserAttribute");
      }
      if (rotatePassword) {
        f.add("passwordUnencrypted");
      }
      if (rotatePrivateKey) {
        f.add("privateKey");
      }
      return f;
    }
  }

  /** An immutable setting that differs in Omni from the spec. */
  public record Drift(String field, String desired, String observed) {
    @Override
    public String toString() {
      return field + " is '" + observed + "' in Omni, spec says '" + desired + "'";
    }
  }

  /** How Omni's list will show the connection this plan's create makes, once it has {@code id}. */
  public dev.gitops.omni.client.OmniConnectionInfo createdAs(String id) {
    return new dev.gitops.omni.client.OmniConnectionInfo(
        id,
        (String) createBody.get("name"),
        (String) createBody.get("dialect"),
        (String) createBody.get("database"),
        (String) createBody.get("defaultSchema"),
        (String) createBody.get("baseRole"),
        null,
        List.of(),
        null);
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
