package dev.gitops.omni.bench;

import java.util.List;
import java.util.function.Function;

/**
 * The rows of the real-apiserver table: a measure, the mock's cells at N = 1 000 and 10 000 (from
 * the Runs table's rows of the same measure, "—" where the mock has none), then the real API
 * server's.
 */
final class RealApiTable {
  static final int[] SIZES = {1000, 10000};
  static final String HEADER =
      "| measure | mock N = 1 000 | mock N = 10 000 | real apiserver N = 1 000"
          + " | real apiserver N = 10 000 |\n|---|---|---|---|---|\n";
  private final List<RealApiResult> results;
  private final RealApiMockRows mock;
  private final StringBuilder b = new StringBuilder(HEADER);

  private RealApiTable(List<RealApiResult> results, RealApiMockRows mock) {
    this.results = results;
    this.mock = mock;
  }

  static String render(List<RealApiResult> results, RealApiMockRows mock) {
    return new RealApiTable(results, mock).rows();
  }

  private String rows() {
    row("load (`uptime`) before → after the run", r -> r.loadBefore() + " → " + r.loadAfter());
    row(
        "N Secrets + N OmniConnections written by the admin (16 threads), before the operator",
        r -> Report.seconds(r.populate()));
    row("process start → first reconcile", r -> Report.seconds(r.firstReconcile()), "=");
    row("process start → first Omni call", r -> Report.seconds(r.firstOmniCall()), "=");
    row(
        "time until every resource is Ready (process start → last Ready; floor N / R: 10 s, 100 s)",
        RealApiResult::allReadyCell,
        "time until every resource is Ready");
    row(
        "process start → the operator's last write before a quiet poll interval",
        r -> Report.seconds(r.lastWrite()));
    row("CPU used from the operator's start until all are Ready, by process", RealApiResult::cpu);
    row(
        "Omni calls to converge: list / create / other",
        RealApiResult::omniCell,
        "Omni calls to converge: list",
        "Omni calls to converge: create",
        "Omni calls to converge: patch");
    row(
        "**Kubernetes writes per created connection** (the operator's create, update and patch"
            + " requests on OmniConnections, their status and Events ÷ N)",
        r -> r.perConnection(r.converge().connectionWrites()));
    row(
        "**writes to the OmniConnection per created connection** (metadata and status updates ÷ N;"
            + " Events not counted)",
        r ->
            r.perConnection(
                r.converge().writes("omniconnections")
                    + r.converge().writes("omniconnections/status")));
    row(
        "… update `omniconnections` (the finalizer with the create-pending mark, in one write)",
        r -> r.perConnection(r.converge().writes("omniconnections")));
    row(
        "… update `omniconnections/status`",
        r -> r.perConnection(r.converge().writes("omniconnections/status")));
    row("… create `events`", r -> r.perConnection(r.converge().writes("events")));
    row("connections by number of writes", r -> r.converge().perConnection());
    row("answers other than 2xx to the operator", r -> r.converge().failures());
    row("every operator request until the steady state", r -> r.converge().breakdown());
    row(
        "steady state: API list / watch requests per poll interval (10 s)",
        RealApiResult::steadyApiCell);
    row("steady state: other API requests per poll interval", RealApiResult::steadyOtherApiCell);
    row("every operator request in the steady-state window", r -> r.steady().breakdown());
    row(
        "steady state: Omni list / other calls per poll interval",
        RealApiResult::steadyOmniCell,
        "steady state: list calls per poll interval",
        "steady state: other calls per poll interval");
    row(
        "operator heap after full GC / RSS",
        RealApiResult::memoryCell,
        "operator heap after full GC",
        "operator process RSS");
    row(
        "secret values in the operator's log",
        r -> Integer.toString(r.leaks()),
        "secret values in captured output");
    return b.toString();
  }

  /**
   * One row; {@code mockMeasures} name the Runs table's rows for the mock's cells ("=" for the same
   * name as this row's).
   */
  private void row(String measure, Function<RealApiResult, String> f, String... mockMeasures) {
    String[] names =
        mockMeasures.length == 1 && mockMeasures[0].equals("=")
            ? new String[] {measure}
            : mockMeasures;
    b.append("| ").append(measure);
    for (int n : SIZES) {
      b.append(" | ").append(mock.at(n, names));
    }
    for (int n : SIZES) {
      var r = results.stream().filter(x -> x.n() == n).findFirst();
      b.append(" | ").append(r.map(f).orElse("not run"));
    }
    b.append(" |\n");
  }
}
