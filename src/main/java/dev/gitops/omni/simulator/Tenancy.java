package dev.gitops.omni.simulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which organisation a token acts for. The default organisation always exists (with the options'
 * {@code tokens} and {@code readOnlyTokens}, possibly none), then the configured ones in order.
 */
final class Tenancy {
  private final Map<String, Organisation> byName = new LinkedHashMap<>();
  private final Map<String, Organisation> byToken = new HashMap<>();
  private final Set<String> readOnly = new HashSet<>();

  Tenancy(SimulatorOptions options, RequestJournal journal) {
    CreateValidator validator = new CreateValidator(options.customRoles());
    Organisations.Keys defaults =
        new Organisations.Keys(options.tokens(), options.readOnlyTokens());
    byName.put(Organisations.DEFAULT, new Organisation(Organisations.DEFAULT, validator, journal));
    options
        .organisations()
        .byName()
        .keySet()
        .forEach(name -> byName.put(name, new Organisation(name, validator, journal)));
    options.organisations().owners(defaults).forEach((t, org) -> byToken.put(t, byName.get(org)));
    readOnly.addAll(defaults.readOnlyTokens());
    options.organisations().byName().values().forEach(k -> readOnly.addAll(k.readOnlyTokens()));
  }

  /** The organisation of {@code token}, or null when no organisation has it. */
  Organisation ofToken(String token) {
    return token == null ? null : byToken.get(token);
  }

  /** Whether {@code token} may only read (list and get). */
  boolean readOnly(String token) {
    return readOnly.contains(token);
  }

  Organisation named(String name) {
    Organisation o = byName.get(name);
    if (o == null) {
      throw new IllegalArgumentException(
          "no organisation '" + name + "' (there are: " + String.join(", ", names()) + ")");
    }
    return o;
  }

  List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
