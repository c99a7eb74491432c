package dev.gitops.omni.core;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Plan.Drift;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.ManagementPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The differences between a spec, its last applied record, and what Omni reports. */
final class Differences {
  private Differences() {}

  private static final String OAUTH_SECRET = WireField.OAUTH_CLIENT_SECRET.wire();

  /**
   * Immutable settings edited in the spec since they were last applied, plus an OAuth client secret
   * rotation (Omni cannot change it in place). Empty when nothing was recorded yet.
   */
  static List<String> immutableEdits(PlanInput in) {
    Map<String, String> applied = in.last().appliedSettings();
    List<String> edited = new ArrayList<>();
    if (!applied.isEmpty()) {
      Map<String, String> desired = WireSettings.immutable(in.spec(), in.omniName());
      TreeSet<String> keys = new TreeSet<>(desired.keySet());
      applied.keySet().stream()
          .filter(k -> WireField.byWire(k).map(f -> !f.patchable()).orElse(true))
          .forEach(keys::add);
      for (String k : keys) {
        if (!Objects.equals(desired.get(k), applied.get(k))) {
          edited.add(k);
        }
      }
    }
    Map<String, String> versions = in.credentialVersions();
    String sentOauth = in.last().credentialsVersion().get(OAUTH_SECRET);
    if (versions != null
        && sentOauth != null
        && versions.get(OAUTH_SECRET) != null
        && !sentOauth.equals(versions.get(OAUTH_SECRET))) {
      edited.add("oauthClientSecretRef (rotated)");
    }
    return edited;
  }

  /** Immutable settings Omni reports differently from the spec. */
  static List<Drift> drift(OmniConnectionSpec spec, String name, ObservedConnection info) {
    List<Drift> out = new ArrayList<>();
    check(out, WireField.NAME, name, info.name());
    check(out, WireField.DIALECT, spec.dialect.wire(), info.dialect());
    check(out, WireField.DATABASE, spec.database, info.database());
    check(out, WireField.DEFAULT_SCHEMA, spec.defaultSchema, info.defaultSchema());
    return out;
  }

  private static void check(List<Drift> out, WireField field, String desired, String observed) {
    if (desired != null && observed != null && !desired.equals(observed)) {
      out.add(new Drift(field.wire(), desired, observed));
    }
  }

  /** The in-place changes: patchable differences and rotated Secrets. */
  static ConnectionPatch patch(PlanInput in, ObservedConnection info, boolean adopting) {
    OmniConnectionSpec spec = in.spec();
    Map<String, String> applied = in.last().appliedSettings();
    String role = null;
    if (spec.baseRole != null) {
      boolean differs =
          info.baseRole() != null
              ? !spec.baseRole.equals(info.baseRole())
              : adopting || !spec.baseRole.equals(applied.get(WireField.BASE_ROLE.wire()));
      role = differs ? spec.baseRole : null;
    }
    String desiredEnv = WireSettings.environmentKey(spec.environmentUserAttribute);
    String observedEnv =
        WireSettings.environmentKey(
            info.environmentAttributeName(), info.environmentDefaultValues());
    boolean setEnv = !desiredEnv.equals(observedEnv);
    Set<WireField> rotated = EnumSet.noneOf(WireField.class);
    for (WireField f : List.of(WireField.PASSWORD, WireField.PRIVATE_KEY)) {
      if (rotated(in, f.wire())) {
        rotated.add(f);
      }
    }
    return new ConnectionPatch(
        role, setEnv, setEnv ? spec.environmentUserAttribute : null, rotated, Map.of());
  }

  private static boolean rotated(PlanInput in, String field) {
    if (in.spec().managementPolicy == ManagementPolicy.ObserveOnly) {
      // Omni never shows credentials and observe-only never sends them: nothing to compare
      return false;
    }
    Map<String, String> versions = in.credentialVersions();
    if (versions == null || versions.get(field) == null) {
      return false;
    }
    return !versions.get(field).equals(in.last().credentialsVersion().get(field));
  }
}
