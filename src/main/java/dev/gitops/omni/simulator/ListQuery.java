package dev.gitops.omni.simulator;

import dev.gitops.omni.model.Dialect;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET .../connections}: name and database (case-insensitive contains), dialect
 * (comma list), sortField, sortDirection and includeDeleted. Unknown parameters are rejected.
 * Without a sortField the list is sorted by name, ascending.
 */
record ListQuery(
    String name,
    String database,
    Set<String> dialects,
    String sortField,
    boolean descending,
    boolean includeDeleted) {

  static final List<String> PARAMS =
      List.of("name", "database", "dialect", "sortField", "sortDirection", "includeDeleted");
  private static final List<String> SORT_FIELDS = List.of("database", "dialect", "name");
  private static final Set<String> DIALECTS =
      Set.copyOf(Arrays.stream(Dialect.values()).map(Dialect::wire).toList());

  /** Parses a raw (still percent-encoded) query string; null means no parameters. */
  static ListQuery parse(String rawQuery) {
    Map<String, String> p = decode(rawQuery);
    List<String> unknown = p.keySet().stream().filter(k -> !PARAMS.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest("Bad Request: formErrors: " + Zod.unrecognizedKeys(unknown));
    }
    String sortField = p.getOrDefault("sortField", "name");
    if (!SORT_FIELDS.contains(sortField)) {
      throw ApiError.field("sortField", Zod.invalidEnum(SORT_FIELDS, sortField));
    }
    String direction = p.getOrDefault("sortDirection", "asc");
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw ApiError.field("sortDirection", Zod.invalidEnum(List.of("asc", "desc"), direction));
    }
    String deleted = p.getOrDefault("includeDeleted", "false");
    if (!deleted.equals("true") && !deleted.equals("false")) {
      throw ApiError.field("includeDeleted", Zod.invalidEnum(List.of("true", "false"), deleted));
    }
    return new ListQuery(
        emptyToNull(p.get("name")),
        emptyToNull(p.get("database")),
        dialects(p.get("dialect")),
        sortField,
        direction.equals("desc"),
        deleted.equals("true"));
  }

  private static Set<String> dialects(String value) {
    Set<String> out = new LinkedHashSet<>(SimulatorOptions.csv(value));
    List<String> bad = out.stream().filter(d -> !DIALECTS.contains(d)).toList();
    if (!bad.isEmpty()) {
      throw ApiError.badRequest("Invalid dialect(s): " + String.join(", ", bad));
    }
    return out;
  }

  /** The matching connections, sorted, as the wire objects. */
  List<Map<String, Object>> apply(Collection<StoredConnection> all, boolean legacyWireShapes) {
    Comparator<String> keys = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    Comparator<StoredConnection> order =
        Comparator.comparing(this::sortKey, Comparator.nullsLast(keys));
    List<Map<String, Object>> out = new ArrayList<>();
    all.stream()
        .filter(c -> includeDeleted || !c.archived())
        .filter(c -> contains(c.name, name))
        .filter(c -> contains(c.database(), database))
        .filter(c -> dialects.isEmpty() || dialects.contains(c.dialect))
        .sorted(order)
        .forEach(c -> out.add(ConnectionView.of(c, legacyWireShapes)));
    return out;
  }

  private String sortKey(StoredConnection c) {
    String v =
        switch (sortField) {
          case "database" -> c.database();
          case "dialect" -> c.dialect;
          default -> c.name;
        };
    return v == null ? null : v.toLowerCase(Locale.ROOT);
  }

  private static boolean contains(String value, String needle) {
    if (needle == null) {
      return true;
    }
    return value != null
        && value.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static String emptyToNull(String v) {
    return v == null || v.isEmpty() ? null : v;
  }

  /** Decodes {@code a=1&b=2}; the first occurrence of a repeated parameter wins. */
  private static Map<String, String> decode(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
