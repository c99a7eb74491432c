package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** What the final state looks like, checked against the invariants. */
record InvariantCheck(
    int resources,
    int ready,
    int duplicateNames,
    int lostUpdates,
    int staleCredentials,
    int sharedIds,
    List<String> examples) {
  boolean ok() {
    return resources == ready
        && duplicateNames == 0
        && lostUpdates == 0
        && staleCredentials == 0
        && sharedIds == 0;
  }

  /**
   * Compares every remaining resource with Omni: Ready for its generation; its connection live and
   * equal to the spec on name, dialect, baseRole and database; its password the Secret's current
   * value; no two live connections sharing a name; no two resources sharing a connection.
   */
  static InvariantCheck of(Rig rig, List<OmniConnection> resources) {
    List<String> examples = new ArrayList<>();
    Map<String, ConnectionSnapshot> byId = new HashMap<>();
    Map<String, Long> liveByName =
        rig.sim.connections().stream()
            .peek(c -> byId.put(c.id(), c))
            .filter(c -> !c.archived())
            .collect(Collectors.groupingBy(ConnectionSnapshot::name, Collectors.counting()));
    int duplicates = 0;
    for (var e : liveByName.entrySet()) {
      if (e.getValue() > 1) {
        duplicates++;
        if (examples.size() < 10) {
          examples.add("duplicate name " + e.getKey() + " x" + e.getValue());
        }
      }
    }
    int ready = 0;
    int lost = 0;
    int stale = 0;
    Map<String, Integer> idUse = new HashMap<>();
    for (OmniConnection r : resources) {
      String name = r.getMetadata().getName();
      if (Rig.ready(r)) {
        ready++;
      } else if (examples.size() < 10) {
        examples.add("not ready " + name + ": " + describe(r));
      }
      String id = r.getStatus() == null ? null : r.getStatus().connectionId;
      if (id == null) {
        continue;
      }
      idUse.merge(id, 1, Integer::sum);
      ConnectionSnapshot c = byId.get(id);
      var spec = r.getSpec();
      boolean same =
          c != null
              && !c.archived()
              && r.omniName().equals(c.name())
              && spec.dialect.wire().equals(c.dialect())
              && Objects.equals(spec.baseRole, c.baseRole())
              && Objects.equals(spec.database, c.database());
      if (!same) {
        lost++;
        if (examples.size() < 10) {
          examples.add(
              "spec/Omni differ for "
                  + name
                  + ": spec role "
                  + spec.baseRole
                  + ", Omni "
                  + (c == null ? "missing" : c.baseRole() + (c.archived() ? " (archived)" : "")));
        }
      }
      if (c != null && !rig.passwordCurrent(name, id)) {
        stale++;
        if (examples.size() < 10) {
          examples.add("stale credentials on " + name);
        }
      }
    }
    int shared = (int) idUse.values().stream().filter(v -> v > 1).count();
    return new InvariantCheck(resources.size(), ready, duplicates, lost, stale, shared, examples);
  }

  private static String describe(OmniConnection r) {
    if (r.getStatus() == null) {
      return "no status";
    }
    return r.getStatus().conditions.stream()
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> c.getType() + "/" + c.getReason())
        .collect(Collectors.joining(","));
  }
}
