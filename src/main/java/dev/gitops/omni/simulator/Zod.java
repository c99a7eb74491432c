package dev.gitops.omni.simulator;

import java.util.List;
import java.util.stream.Collectors;

/** Message shapes of zod, the validation library whose messages Omni's API passes through. */
final class Zod {
  private Zod() {}

  /** {@code Unrecognized key(s) in object: 'a', 'b'}. */
  static String unrecognizedKeys(List<String> keys) {
    return "Unrecognized key(s) in object: "
        + keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
  }

  /** {@code Invalid enum value. Expected 'a' | 'b', received 'x'}. */
  static String invalidEnum(List<String> allowed, String received) {
    return "Invalid enum value. Expected "
        + allowed.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" | "))
        + ", received '"
        + received
        + "'";
  }
}
