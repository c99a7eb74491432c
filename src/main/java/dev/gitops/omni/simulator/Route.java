package dev.gitops.omni.simulator;

import java.util.Locale;

/** What a request asked for, by path and method; the key of the request counters. */
public enum Route {
  /** {@code GET {prefix}/connections}. */
  LIST,
  /** {@code GET {prefix}/connections/{id}} ({@code v1} only). */
  GET,
  /** {@code POST {prefix}/connections}. */
  CREATE,
  /** {@code PATCH {prefix}/connections/{id}}. */
  PATCH,
  /** {@code DELETE {prefix}/connections/{id}} ({@code v1} only). */
  DELETE,
  /** A connections path with a method the API does not offer there (400 {@code Invalid method}). */
  INVALID_METHOD,
  /** A path outside the connections API (404). */
  UNKNOWN;

  /** The lower-case label used by {@code count(...)}: {@code list}, {@code patch}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Route fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
