package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.ConnectionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each connection of a K-keys run landed: Ready, in its own instance's organisation (live,
 * under its name, with the id its status holds and the Secret's current password), and nowhere
 * else: no live connection by its name in another organisation, no duplicate in its own.
 *
 * @param inOwn resources whose connection is live in their own organisation and matches
 * @param elsewhere live connections in an organisation their resource does not use
 * @param duplicates names with more than one live connection in their organisation
 */
record KeysStoreCheck(
    int resources, int ready, int inOwn, int elsewhere, int duplicates, List<String> examples) {

  boolean ok() {
    return ready == resources && inOwn == resources && elsewhere == 0 && duplicates == 0;
  }

  static KeysStoreCheck of(KeysWorld w, List<OmniConnection> resources) {
    Rig rig = w.rig;
    List<String> examples = new ArrayList<>();
    // live connections by organisation, then by name
    Map<String, Map<String, List<ConnectionSnapshot>>> live = new HashMap<>();
    for (String org : rig.sim.organisations()) {
      Map<String, List<ConnectionSnapshot>> byName = new HashMap<>();
      rig.sim.connections(org).stream()
          .filter(c -> !c.archived())
          .forEach(c -> byName.computeIfAbsent(c.name(), x -> new ArrayList<>()).add(c));
      live.put(org, byName);
    }
    int ready = 0;
    int inOwn = 0;
    int elsewhere = 0;
    int duplicates = 0;
    for (OmniConnection r : resources) {
      String name = r.getMetadata().getName();
      String own = w.s.organisation(w.s.instanceOf(index(name)));
      if (Rig.ready(r)) {
        ready++;
      } else {
        note(examples, "not Ready: " + name);
      }
      String id = r.getStatus() == null ? null : r.getStatus().connectionId;
      List<ConnectionSnapshot> mine = live.get(own).getOrDefault(r.omniName(), List.of());
      if (mine.size() > 1) {
        duplicates++;
        note(examples, mine.size() + " live connections named " + r.omniName() + " in " + own);
      }
      if (mine.stream().anyMatch(c -> c.id().equals(id)) && rig.passwordCurrent(own, name, id)) {
        inOwn++;
      } else {
        note(examples, name + " is not (current) in its organisation " + own);
      }
      for (var e : live.entrySet()) {
        if (!e.getKey().equals(own) && e.getValue().containsKey(r.omniName())) {
          elsewhere++;
          note(examples, name + " (of " + own + ") also in organisation " + e.getKey());
        }
      }
    }
    return new KeysStoreCheck(resources.size(), ready, inOwn, elsewhere, duplicates, examples);
  }

  /** The resource's index from its name ({@link BenchResources#name}). */
  static int index(String name) {
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  private static void note(List<String> examples, String what) {
    if (examples.size() < 10) {
      examples.add(what);
    }
  }
}
