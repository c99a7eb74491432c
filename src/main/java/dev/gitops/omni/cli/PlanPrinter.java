package dev.gitops.omni.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints {@code plan}'s result as a table for people or as one JSON document for machines. */
final class PlanPrinter {
  private PlanPrinter() {}

  static final List<String> ACTIONS =
      List.of("create", "adopt", "patch", "replace", "nothing", "invalid", "blocked");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    List<String> header =
        new ArrayList<>(List.of("ACTION", "RESOURCE", "DIALECT", "CONNECTION ID", "DETAILS"));
    if (withInstance) {
      header.add(2, "INSTANCE");
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (PlanRow r : rows) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  r.action(),
                  r.resource(),
                  r.dialect(),
                  r.connectionId() == null ? "" : r.connectionId(),
                  r.message()));
      if (withInstance) {
        cells.add(2, r.instance() == null ? "" : r.instance());
      }
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
    out.println(
        switch (exitCode(rows)) {
          case 0 -> "No changes: Omni already matches these resources.";
          case 2 -> "Changes pending.";
          default -> "Errors: fix the invalid or blocked resources above.";
        });
    out.flush();
  }

  static void json(PrintWriter out, String omniUrl, String prefix, int listed, List<PlanRow> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("omniUrl", omniUrl);
    doc.put("apiPrefix", prefix);
    doc.put("connectionsListed", listed);
    json(out, doc, rows);
  }

  /** With instances: {@code instances}, one entry per instance listed, and each row's instance. */
  static void json(PrintWriter out, List<InstanceLists.Listed> lists, List<PlanRow> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Map<String, Object>> instances = new ArrayList<>();
    for (InstanceLists.Listed l : lists) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("instance", l.id());
      i.put("omniUrl", l.url());
      i.put("apiPrefix", l.prefix());
      i.put("connectionsListed", l.problem() == null ? l.connections().size() : null);
      if (l.problem() != null) {
        i.put("problem", l.problem());
      }
      instances.add(i);
    }
    doc.put("instances", instances);
    doc.put("connectionsListed", lists.stream().mapToInt(l -> l.connections().size()).sum());
    json(out, doc, rows);
  }

  private static void json(PrintWriter out, Map<String, Object> doc, List<PlanRow> rows) {
    doc.put("resources", rows.stream().map(PlanPrinter::jsonRow).toList());
    Map<String, Object> summary = new LinkedHashMap<>(counts(rows));
    summary.put("changes", rows.stream().filter(PlanRow::isChange).count());
    summary.put("errors", rows.stream().filter(PlanRow::isError).count());
    doc.put("summary", summary);
    doc.put("exitCode", exitCode(rows));
    try {
      out.println(JSON.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  private static Map<String, Object> jsonRow(PlanRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", r.resource());
    if (r.instance() != null) {
      m.put("instance", r.instance());
    }
    m.put("source", r.origin());
    m.put("omniName", r.omniName());
    m.put("dialect", r.dialect());
    m.put("action", r.action());
    m.put("connectionId", r.connectionId());
    m.put("fields", r.fields());
    m.put("changes", r.changes());
    m.put("reason", r.reason());
    m.put("message", r.message());
    m.put(
        "drift",
        r.drift().stream()
            .map(d -> Map.of("field", d.field(), "desired", d.desired(), "observed", d.observed()))
            .toList());
    if (!r.settings().isEmpty()) {
      m.put("settings", r.settings());
    }
    m.put("credentialsCompared", r.credentialsCompared());
    m.put("writesAllowed", r.writesAllowed());
    m.put("change", r.isChange());
    return m;
  }

  private static Map<String, Long> counts(List<PlanRow> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    ACTIONS.forEach(a -> counts.put(a, rows.stream().filter(r -> r.action().equals(a)).count()));
    return counts;
  }
}
