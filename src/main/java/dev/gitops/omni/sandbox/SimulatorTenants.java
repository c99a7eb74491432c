package dev.gitops.omni.sandbox;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.simulator.Organisations;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organisations the sandbox's simulator serves, so that the instances in the files show teams
 * side by side: each instance's URL is pointed at the simulator and its key picks the organisation.
 * An organisation given on the command line keeps its keys; a key in the files that none holds
 * becomes an organisation named after its instance ({@code team-a} for ClusterOmniInstance team-a,
 * {@code team-b.omni} for OmniInstance team-b/omni), except the ClusterOmniInstance {@code
 * default}, whose key joins the default organisation (that of {@code sim-token} and the command
 * line).
 *
 * @param defaultTokens the keys of the default organisation, {@code sim-token} first
 * @param organisations the other organisations with their keys
 * @param byInstance which organisation each instance's key opens, by instance (keys missing from
 *     the files have none)
 */
public record SimulatorTenants(
    Set<String> defaultTokens, Organisations organisations, Map<String, String> byInstance) {

  /** The organisations and instances only: the keys are secrets. */
  @Override
  public String toString() {
    return "SimulatorTenants[organisations="
        + organisations.byName().keySet()
        + ", instances="
        + byInstance.keySet()
        + "]";
  }

  /** Only the default organisation, with {@code sim-token}. */
  public static final SimulatorTenants NONE =
      new SimulatorTenants(Set.of(SimulatorOptions.DEFAULT_TOKEN), Organisations.NONE, Map.of());

  /**
   * @param given the organisations from the command line
   * @throws IllegalArgumentException when the given organisations break the simulator's rules
   */
  public static SimulatorTenants of(Organisations given, List<Manifest> manifests) {
    Set<String> defaults = new LinkedHashSet<>(List.of(SimulatorOptions.DEFAULT_TOKEN));
    Map<String, String> owner = new LinkedHashMap<>();
    defaults.forEach(t -> owner.put(t, Organisations.DEFAULT));
    given
        .byName()
        .forEach(
            (name, keys) -> {
              keys.tokens().forEach(t -> owner.putIfAbsent(t, name));
              keys.readOnlyTokens().forEach(t -> owner.putIfAbsent(t, name));
            });
    Organisations orgs = given;
    Map<String, String> byInstance = new LinkedHashMap<>();
    FileInstances files = new FileInstances(manifests);
    for (Manifest m : files.all()) {
      String key = files.key(m).value();
      if (key == null) {
        continue;
      }
      if (!owner.containsKey(key)) {
        String name = organisationName(m);
        if (name.equals(Organisations.DEFAULT)) {
          defaults.add(key);
        } else {
          orgs = orgs.with(name, new Organisations.Keys(Set.of(key), Set.of()));
        }
        owner.put(key, name);
      }
      byInstance.put(FileInstances.id(m), owner.get(key));
    }
    // the simulator's own rules (a key in one organisation only), checked before anything starts
    SimulatorOptions.builder().tokens(defaults).organisations(orgs).build();
    return new SimulatorTenants(defaults, orgs, byInstance);
  }

  static String organisationName(Manifest instance) {
    if (instance.kind().equals("ClusterOmniInstance")) {
      return instance.name();
    }
    return instance.namespace() + "." + instance.name();
  }

  /**
   * The manifests with every instance's spec.url set to {@code simulatorUrl}: the sandbox's
   * simulator stands in for every Omni the files name.
   */
  public static List<Manifest> pointedAt(String simulatorUrl, List<Manifest> manifests) {
    return manifests.stream()
        .map(
            m -> {
              boolean instance =
                  m.resource() instanceof OmniInstance
                      || m.resource() instanceof ClusterOmniInstance;
              if (!instance || FileInstances.settings(m) == null) {
                return m;
              }
              Manifest copy = new Manifest(m.file(), m.document(), StrictYaml.copy(m.resource()));
              FileInstances.settings(copy).url = simulatorUrl;
              return copy;
            })
        .toList();
  }

  /** The names of the organisations, the default one first. */
  public List<String> names() {
    List<String> out = new ArrayList<>(List.of(Organisations.DEFAULT));
    out.addAll(organisations.byName().keySet());
    return out;
  }
}
