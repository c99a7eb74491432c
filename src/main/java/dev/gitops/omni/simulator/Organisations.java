package dev.gitops.omni.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named organisations a simulator serves besides the default one, which holds {@link
 * SimulatorOptions#tokens()} and {@link SimulatorOptions#readOnlyTokens()}. Each organisation has
 * its own connections, as each Omni organisation is its own instance: a token belongs to exactly
 * one organisation, lists and changes only that organisation's connections, and gets 404 {@code
 * Connection not found} for the id of another's. The rate limit stays per token, as Omni's is per
 * API key.
 *
 * @param byName each organisation's keys, in the order the organisations were configured
 */
public record Organisations(Map<String, Keys> byName) {
  /** The organisation of the tokens and read-only tokens configured without one. */
  public static final String DEFAULT = "default";

  public static final Organisations NONE = new Organisations(Map.of());

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * The API keys of one organisation.
   *
   * @param tokens keys with org-admin rights
   * @param readOnlyTokens keys that may list and get but get 403 on writes
   */
  public record Keys(Set<String> tokens, Set<String> readOnlyTokens) {
    public Keys {
      tokens = ordered(tokens);
      readOnlyTokens = ordered(readOnlyTokens);
    }

    Keys plus(Keys more) {
      Set<String> t = new LinkedHashSet<>(tokens);
      t.addAll(more.tokens);
      Set<String> r = new LinkedHashSet<>(readOnlyTokens);
      r.addAll(more.readOnlyTokens);
      return new Keys(t, r);
    }

    private static Set<String> ordered(Set<String> values) {
      for (String v : values) {
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException("a token must not be blank");
        }
      }
      return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
  }

  public Organisations {
    Map<String, Keys> copy = new LinkedHashMap<>();
    byName.forEach(
        (name, keys) -> {
          requireName(name);
          if (keys.tokens().isEmpty() && keys.readOnlyTokens().isEmpty()) {
            throw new IllegalArgumentException("organisation '" + name + "' has no token");
          }
          copy.put(name, keys);
        });
    byName = Collections.unmodifiableMap(copy);
    owners(new Keys(Set.of(), Set.of()), byName); // the fields are not set yet: no this.owners
  }

  /** These organisations, with {@code keys} added to organisation {@code name} (new or not). */
  public Organisations with(String name, Keys keys) {
    Map<String, Keys> next = new LinkedHashMap<>(byName);
    next.merge(requireName(name), keys, Keys::plus);
    return new Organisations(next);
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * Reads a command line value {@code NAME=TOKEN[,TOKEN...]} into the organisation name and its
   * tokens.
   */
  public static Map.Entry<String, Set<String>> parse(String value) {
    String v = Objects.requireNonNull(value, "value").trim();
    int eq = v.indexOf('=');
    Set<String> tokens = eq < 0 ? Set.of() : SimulatorOptions.csv(v.substring(eq + 1));
    if (eq <= 0 || tokens.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not NAME=TOKEN[,TOKEN...], e.g. team-a=key-a1,key-a2");
    }
    return Map.entry(requireName(v.substring(0, eq).trim()), tokens);
  }

  /**
   * Every token with the name of its organisation, the default organisation's {@code defaults}
   * first; throws when a token is given to two organisations.
   */
  Map<String, String> owners(Keys defaults) {
    return owners(defaults, byName);
  }

  private static Map<String, String> owners(Keys defaults, Map<String, Keys> named) {
    Map<String, String> owners = new LinkedHashMap<>();
    claim(owners, DEFAULT, defaults);
    named.forEach((name, keys) -> claim(owners, name, keys));
    return owners;
  }

  private static void claim(Map<String, String> owners, String name, Keys keys) {
    Set<String> all = new LinkedHashSet<>(keys.tokens());
    all.addAll(keys.readOnlyTokens());
    for (String token : all) {
      String before = owners.putIfAbsent(token, name);
      if (before != null) {
        throw new IllegalArgumentException(
            "token '" + token + "' is given to two organisations: " + before + " and " + name);
      }
    }
  }

  private static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "organisation name '"
              + name
              + "' must start with a letter or digit and have only letters, digits, '.', '_' and"
              + " '-'");
    }
    if (name.equals(DEFAULT)) {
      throw new IllegalArgumentException(
          "organisation name 'default' is taken by the organisation of the tokens given without"
              + " one");
    }
    return name;
  }
}
