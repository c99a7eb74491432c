package dev.gitops.omni.core;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.core.PlanInput.Claim;
import dev.gitops.omni.core.PlanInput.LastApplied;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.EnvironmentUserAttribute;
import dev.gitops.omni.model.OmniConnectionSpec;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.model.SecretKeyRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builders for planner inputs, so each table row states only what it is about. */
final class PlanFixtures {
  private PlanFixtures() {}

  static OmniConnectionSpec postgres() {
    OmniConnectionSpec s = new OmniConnectionSpec();
    s.dialect = Dialect.postgres;
    s.host = "db.internal";
    s.port = 5432;
    s.database = "analytics";
    s.username = "omni";
    s.baseRole = "VIEWER";
    s.passwordSecretRef = new SecretKeyRef("pg", "password");
    return s;
  }

  static ObservedConnection live(String id, String name) {
    return new ObservedConnection(
        id, name, "postgres", "analytics", null, "VIEWER", null, List.of(), null);
  }

  static ObservedConnection archived(String id, String name) {
    return new ObservedConnection(
        id, name, "postgres", "analytics", null, "VIEWER", null, List.of(), "2026-01-01T00:00Z");
  }

  /** A mutable input builder; {@link #build()} freezes it. */
  static final class In {
    String key = "team/sales";
    OmniConnectionSpec spec = postgres();
    String name = "sales";
    boolean paused;
    boolean deleting;
    DeletionPolicy deletionPolicy = DeletionPolicy.Orphan;
    boolean createPending;
    String statusId;
    Map<String, String> applied = new HashMap<>();
    Map<String, String> sent = new HashMap<>();
    String replaced;
    Map<String, String> versions = new HashMap<>(Map.of("passwordUnencrypted", "pg/u1/1"));
    List<ObservedConnection> observed = new ArrayList<>();
    Map<String, Claim> claims = new HashMap<>();

    In spec(Consumer<OmniConnectionSpec> edit) {
      edit.accept(spec);
      return this;
    }

    In observed(ObservedConnection... infos) {
      observed.addAll(List.of(infos));
      return this;
    }

    /** The state right after a successful sync of the current spec to connection id. */
    In managed(String id) {
      statusId = id;
      applied = new HashMap<>(Planner.applied(build(), spec.baseRole, true));
      sent = new HashMap<>(versions);
      return this;
    }

    In env(String attr, String... values) {
      spec.environmentUserAttribute = new EnvironmentUserAttribute(attr, List.of(values));
      return this;
    }

    PlanInput build() {
      return new PlanInput(
          key,
          spec,
          name,
          paused,
          deleting,
          deletionPolicy,
          createPending,
          new LastApplied(statusId, applied, sent, replaced),
          versions,
          observed,
          claims);
    }

    Plan plan() {
      return Planner.plan(build());
    }
  }

  static In in() {
    return new In();
  }
}
