package dev.gitops.omni.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mock rows of bench/results.md's "Runs" table, read to stand next to the real API server's:
 * the columns of the shared-list operator at 1000@6000 and 10000@6000.
 */
record RealApiMockRows(List<String> header, List<List<String>> rows) {
  static RealApiMockRows read(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = List.of();
    boolean inRuns = false;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("## ")) {
        inRuns = line.equals("## Runs");
      } else if (inRuns && line.startsWith("| measure |")) {
        header = cells(line);
      } else if (inRuns && line.startsWith("| ") && !line.startsWith("|---")) {
        rows.add(cells(line));
      }
    }
    return new RealApiMockRows(header, rows);
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.lastIndexOf('|'));
    return List.of(inner.split("\\|")).stream().map(String::trim).toList();
  }

  String cell(String measure, String column) {
    int c = header.indexOf(column);
    return rows.stream()
        .filter(r -> r.get(0).equals(measure) && c >= 0 && c < r.size())
        .map(r -> r.get(c))
        .findFirst()
        .orElse("—");
  }

  /** The cells of these measures in the column of size {@code n}, joined by " / "; "—" if none. */
  String at(int n, String... measures) {
    String column = "shared " + n + "@6000";
    if (measures.length == 0 || !header.contains(column)) {
      return "—";
    }
    return String.join(" / ", java.util.Arrays.stream(measures).map(x -> cell(x, column)).toList());
  }
}
