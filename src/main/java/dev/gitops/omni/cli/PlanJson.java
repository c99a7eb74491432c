package dev.gitops.omni.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code plan -o json}: one JSON document for machines. */
final class PlanJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static void print(
      PrintWriter out, String omniUrl, String prefix, int listed, List<PlanRow> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("omniUrl", omniUrl);
    doc.put("apiPrefix", prefix);
    doc.put("connectionsListed", listed);
    print(out, doc, rows);
  }

  /** With instances: {@code instances}, one entry per instance listed, and each row's instance. */
  static void print(PrintWriter out, List<InstanceLists.Listed> lists, List<PlanRow> rows) {
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
    print(out, doc, rows);
  }

  private static void print(PrintWriter out, Map<String, Object> doc, List<PlanRow> rows) {
    doc.put("resources", rows.stream().map(PlanJson::row).toList());
    Map<String, Object> summary = new LinkedHashMap<>(PlanPrinter.counts(rows));
    summary.put("changes", rows.stream().filter(PlanRow::isChange).count());
    summary.put("errors", rows.stream().filter(PlanRow::isError).count());
    summary.put(
        "schedulesToChange",
        rows.stream().filter(r -> r.schedules() != null && r.schedules().isChange()).count());
    summary.put(
        "environmentLinksToChange",
        rows.stream()
            .filter(r -> r.environmentLink() != null && r.environmentLink().isChange())
            .count());
    doc.put("summary", summary);
    doc.put("exitCode", PlanPrinter.exitCode(rows));
    try {
      out.println(JSON.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  private static Map<String, Object> row(PlanRow r) {
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
    if (r.schedules() != null) {
      m.put("schedules", r.schedules().json());
    }
    if (r.environmentLink() != null) {
      m.put("environmentLink", r.environmentLink().json());
    }
    m.put("credentialsCompared", r.credentialsCompared());
    m.put("writesAllowed", r.writesAllowed());
    m.put("change", r.isChange());
    return m;
  }
}
