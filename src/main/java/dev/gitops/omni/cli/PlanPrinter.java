package dev.gitops.omni.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Prints {@code plan}'s result as a table for people ({@link PlanJson} prints it for machines): a
 * row per resource, with SCHEDULES and ENVIRONMENT LINK columns when any row has one.
 */
final class PlanPrinter {
  private PlanPrinter() {}

  static final List<String> ACTIONS =
      List.of("create", "adopt", "patch", "replace", "nothing", "invalid", "blocked");

  /** Terraform's -detailed-exitcode: 0 nothing to do, 2 changes pending, 1 errors. */
  static int exitCode(List<PlanRow> rows) {
    if (rows.stream().anyMatch(PlanRow::isError)) {
      return 1;
    }
    return rows.stream().anyMatch(PlanRow::isChange) ? 2 : 0;
  }

  static void text(PrintWriter out, String omni, int listed, List<PlanRow> rows) {
    out.println("Omni " + omni + ": " + listed + " connections listed.");
    body(out, rows, false);
  }

  /** With instances: a line per instance listed, and each row's instance. */
  static void text(PrintWriter out, List<InstanceLists.Listed> lists, List<PlanRow> rows) {
    for (InstanceLists.Listed l : lists) {
      out.println(
          l.problem() == null
              ? "Omni "
                  + l.url()
                  + " (API "
                  + l.prefix()
                  + ") for "
                  + l.id()
                  + ": "
                  + l.connections().size()
                  + " connections listed."
              : l.id() + ": not listed (see its resources below).");
    }
    body(out, rows, true);
  }

  private static void body(PrintWriter out, List<PlanRow> rows, boolean withInstance) {
    out.println();
    boolean withSchedules = rows.stream().anyMatch(r -> r.schedules() != null);
    boolean withLinks = rows.stream().anyMatch(r -> r.environmentLink() != null);
    List<String> header =
        new ArrayList<>(List.of("ACTION", "RESOURCE", "DIALECT", "CONNECTION ID"));
    if (withInstance) {
      header.add(2, "INSTANCE");
    }
    if (withSchedules) {
      header.add("SCHEDULES");
    }
    if (withLinks) {
      header.add("ENVIRONMENT LINK");
    }
    header.add("DETAILS");
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (PlanRow r : rows) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  r.action(),
                  r.resource(),
                  r.dialect(),
                  r.connectionId() == null ? "" : r.connectionId()));
      if (withInstance) {
        cells.add(2, r.instance() == null ? "" : r.instance());
      }
      if (withSchedules) {
        cells.add(r.schedules() == null ? "" : r.schedules().cell());
      }
      if (withLinks) {
        cells.add(r.environmentLink() == null ? "" : r.environmentLink().cell());
      }
      cells.add(details(r));
      t.add(cells.toArray(String[]::new));
    }
    t.print(out);
    out.println();
    Map<String, Long> counts = counts(rows);
    out.println(
        "Plan: "
            + counts.get("create")
            + " to create, "
            + counts.get("adopt")
            + " to adopt, "
            + counts.get("patch")
            + " to patch, "
            + counts.get("replace")
            + " to replace, "
            + counts.get("nothing")
            + " unchanged, "
            + counts.get("invalid")
            + " invalid, "
            + counts.get("blocked")
            + " blocked.");
    List<PlanSchedules> schedules =
        rows.stream().map(PlanRow::schedules).filter(Objects::nonNull).toList();
    summary(out, "Schedules", schedules, PlanSchedules::isChange, PlanSchedules::cell);
    List<PlanEnvironmentLink> links =
        rows.stream().map(PlanRow::environmentLink).filter(Objects::nonNull).toList();
    summary(
        out, "Environment links", links, PlanEnvironmentLink::isChange, PlanEnvironmentLink::cell);
    out.println(
        switch (exitCode(rows)) {
          case 0 -> "No changes: Omni already matches these resources.";
          case 2 -> "Changes pending.";
          default ->
              rows.stream().anyMatch(PlanRow::isRefused)
                  ? "Errors: fix the invalid or blocked resources above."
                  : "Errors: Omni did not say what it holds around some connections (see above).";
        });
    out.flush();
  }

  /** {@code Schedules: 2 to change, 1 in sync.}: the others counted by what their cell says. */
  private static <T> void summary(
      PrintWriter out, String what, List<T> parts, Predicate<T> change, Function<T, String> cell) {
    if (parts.isEmpty()) {
      return;
    }
    Map<String, Long> others = new TreeMap<>();
    parts.stream().filter(change.negate()).forEach(p -> others.merge(cell.apply(p), 1L, Long::sum));
    StringBuilder b =
        new StringBuilder(what + ": " + parts.stream().filter(change).count() + " to change");
    others.forEach((c, n) -> b.append(", ").append(n).append(" ").append(c));
    out.println(b.append("."));
  }

  /** The row's message, then what its schedules and environment link add. */
  private static String details(PlanRow r) {
    StringBuilder b = new StringBuilder(r.message());
    if (r.schedules() != null && r.schedules().detail() != null) {
      b.append("; ").append(r.schedules().detail());
    }
    if (r.environmentLink() != null && r.environmentLink().detail() != null) {
      b.append("; ").append(r.environmentLink().detail());
    }
    return b.toString();
  }

  static Map<String, Long> counts(List<PlanRow> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    ACTIONS.forEach(a -> counts.put(a, rows.stream().filter(r -> r.action().equals(a)).count()));
    return counts;
  }
}
