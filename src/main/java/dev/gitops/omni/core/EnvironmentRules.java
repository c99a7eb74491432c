package dev.gitops.omni.core;

import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.EnvironmentOf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold for spec.environmentOf before any Omni call: the base is another OmniConnection of
 * the namespace, sets environmentUserAttribute and has this connection's dialect, and the values
 * are plain, listed once and used by no other environment of the same base (the one whose name
 * sorts first keeps a value both claim). Pure: the caller looks the base and its environments up.
 */
public final class EnvironmentRules {
  private EnvironmentRules() {}

  /**
   * The base resource as far as the rules need it.
   *
   * @param sameInstance whether it is managed through the environment's Omni instance
   */
  public record Base(
      String name, Dialect dialect, boolean setsUserAttribute, boolean sameInstance) {
    /** The base named {@code name} with {@code spec}, for the operator and {@code plan} alike. */
    public static Base of(
        String name, dev.gitops.omni.model.OmniConnectionSpec spec, boolean sameInstance) {
      var attribute = spec.environmentUserAttribute;
      boolean sets =
          attribute != null
              && attribute.attributeName != null
              && !attribute.attributeName.isBlank();
      return new Base(name, spec.dialect, sets, sameInstance);
    }
  }

  /** Another environment of the same base, and its values. */
  public record Sibling(String name, List<String> values) {}

  static final String FIELD = "spec.environmentOf";

  /**
   * @param base the resource environmentOf.name names, null when the namespace has none
   */
  public static List<Violation> check(
      String self,
      String namespace,
      Dialect dialect,
      EnvironmentOf env,
      Base base,
      List<Sibling> siblings) {
    List<Violation> out = new ArrayList<>();
    if (env == null) {
      return out;
    }
    if (self.equals(env.name)) {
      out.add(new Violation(FIELD + ".name", FIELD + ".name names this connection itself"));
    } else if (base == null) {
      out.add(
          new Violation(
              FIELD + ".name",
              FIELD
                  + ".name: no OmniConnection '"
                  + env.name
                  + "' in namespace "
                  + namespace
                  + ": name the base connection's metadata.name"));
    } else {
      if (!base.setsUserAttribute()) {
        out.add(
            new Violation(
                FIELD + ".name",
                FIELD
                    + ".name: the base OmniConnection "
                    + base.name()
                    + " sets no spec.environmentUserAttribute, and Omni ignores environments"
                    + " of such a base: set it there"));
      }
      if (!base.sameInstance()) {
        out.add(
            new Violation(
                FIELD + ".name",
                FIELD
                    + ".name: the base OmniConnection "
                    + base.name()
                    + " uses another Omni instance: an environment and its base must be in one"
                    + " Omni organisation"));
      }
      if (base.dialect() != null && base.dialect() != dialect) {
        out.add(
            new Violation(
                FIELD,
                FIELD
                    + ": this connection is "
                    + dialect.wire()
                    + " but its base "
                    + base.name()
                    + " is "
                    + base.dialect().wire()
                    + ": an environment must have its base's dialect"));
      }
    }
    values(self, env, siblings, out);
    return out;
  }

  private static void values(
      String self, EnvironmentOf env, List<Sibling> siblings, List<Violation> out) {
    String field = FIELD + ".userAttributeValues";
    if (env.userAttributeValues == null || env.userAttributeValues.isEmpty()) {
      out.add(new Violation(field, field + " is empty: list the values that pick this one"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String v : env.userAttributeValues) {
      if (v == null || v.isBlank() || v.contains(",")) {
        out.add(new Violation(field, field + ": '" + v + "' must be non-blank, without commas"));
      } else if (!seen.add(v)) {
        out.add(new Violation(field, field + " lists '" + v + "' twice"));
      }
    }
    for (Sibling other : siblings) {
      if (other.name().equals(self) || other.name().compareTo(self) > 0) {
        continue; // the first by name keeps a value both claim
      }
      for (String v : other.values()) {
        if (seen.contains(v)) {
          out.add(
              new Violation(
                  field,
                  field
                      + ": '"
                      + v
                      + "' is already used by OmniConnection "
                      + other.name()
                      + ", another environment of the same base"));
        }
      }
    }
  }
}
