package dev.gitops.omni.simulator;

import java.util.Locale;

/** What a request asked for, by path and method; the key of the request counters. */
public enum Route {
  /** {@code GET {prefix}/connections}. */
  LIST("list"),
  /** {@code GET {prefix}/connections/{id}} ({@code v1} only). */
  GET("get"),
  /** {@code POST {prefix}/connections}. */
  CREATE("create"),
  /** {@code PATCH {prefix}/connections/{id}}. */
  PATCH("patch"),
  /** {@code DELETE {prefix}/connections/{id}} ({@code v1} only). */
  DELETE("delete"),
  /** {@code GET v1/connections/{id}/schedules}. */
  SCHEDULE_LIST("schedule-list"),
  /** {@code GET v1/connections/{id}/schedules/{scheduleId}}. */
  SCHEDULE_GET("schedule-get"),
  /** {@code POST v1/connections/{id}/schedules}. */
  SCHEDULE_CREATE("schedule-create"),
  /** {@code PUT v1/connections/{id}/schedules/{scheduleId}}. */
  SCHEDULE_UPDATE("schedule-update"),
  /** {@code DELETE v1/connections/{id}/schedules/{scheduleId}}. */
  SCHEDULE_DELETE("schedule-delete"),
  /** {@code GET {prefix}/connection-environments}. */
  ENVIRONMENT_LIST("environment-list"),
  /** {@code POST {prefix}/connection-environments}. */
  ENVIRONMENT_CREATE("environment-create"),
  /** {@code PUT {prefix}/connection-environments/{id}}. */
  ENVIRONMENT_UPDATE("environment-update"),
  /** {@code DELETE {prefix}/connection-environments/{id}}. */
  ENVIRONMENT_DELETE("environment-delete"),
  /** An API path with a method the API does not offer there (400 {@code Invalid method}). */
  INVALID_METHOD("invalid_method"),
  /** A path outside the API (404). */
  UNKNOWN("unknown");

  private final String label;

  Route(String label) {
    this.label = label;
  }

  /**
   * The label used by {@code count(...)} and the journal: {@code list}, {@code patch}, {@code
   * schedule-create}, {@code environment-list}, ...
   */
  public String label() {
    return label;
  }

  /** The route of a label; {@code -} and {@code _} are interchangeable, case does not matter. */
  public static Route fromLabel(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Route r : values()) {
      if (r.label.replace('_', '-').equals(wanted)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no route labelled '" + label + "'");
  }

  /** Whether the route changes something (a read-only token gets 403 on it). */
  boolean writes() {
    return switch (this) {
      case CREATE,
          PATCH,
          DELETE,
          SCHEDULE_CREATE,
          SCHEDULE_UPDATE,
          SCHEDULE_DELETE,
          ENVIRONMENT_CREATE,
          ENVIRONMENT_UPDATE,
          ENVIRONMENT_DELETE ->
          true;
      default -> false;
    };
  }
}
