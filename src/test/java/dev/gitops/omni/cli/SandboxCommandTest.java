package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox end to end: embedded Kubernetes, simulator and the real operator, in-process. */
class SandboxCommandTest {
  static final String[] FAST = {
    "--sim-rate-limit", "0", "--rate-limit", "6000", "--timeout", "40s"
  };

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void convergesEveryExampleOnBothApiPrefixes(String prefix) {
    Cli.Result r;
    String logs;
    try (CapturedStreams streams = new CapturedStreams()) {
      r = Cli.run(args("sandbox", "--api-prefix", prefix));
      logs = streams.text();
    }

    assertThat(r.code()).as(r.all()).isZero();
    List<String> rows = tableRows(r.out());
    assertThat(rows).hasSize(9);
    assertThat(rows)
        .allSatisfy(
            row ->
                assertThat(row)
                    .matches(
                        "omni-examples\\s+\\S+\\s+\\w+\\s+True\\s+True\\s+[0-9a-f-]{36}\\s+.*"));
    assertThat(r.out()).contains("NAMESPACE", "CONNECTION ID", "9/9 OmniConnections Ready");
    for (String dialect :
        List.of(
            "postgres",
            "mysql",
            "snowflake",
            "bigquery",
            "databricks",
            "motherduck",
            "mssql",
            "redshift")) {
      assertThat(r.out()).contains(" " + dialect + " ");
    }
    assertThat(r.err()).contains("Ready 9/9", "Omni simulator: http://127.0.0.1:", "API " + prefix);
    Cli.assertNoSecretIn(r.all() + logs);
  }

  @Test
  void anInvalidResourceEndsWithExitOneAndATableSayingWhy() throws IOException {
    copyExamples();
    Files.writeString(
        dir.resolve("broken.yaml"),
        """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata:
          name: no-warehouse
          namespace: omni-examples
        spec:
          dialect: snowflake
          host: exampleorg-exampleaccount
          passwordSecretRef: {name: snowflake-credentials, key: password}
        """);

    Cli.Result r = Cli.run(args("sandbox", "-f", dir.toString()));

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(tableRows(r.out())).hasSize(10);
    String broken = row(r.out(), "no-warehouse");
    assertThat(broken).contains("snowflake", "False").contains("warehouse");
    assertThat(tableRows(r.out()).stream().filter(l -> l.contains(" True "))).hasSize(9);
    assertThat(r.out()).contains("9/10 OmniConnections Ready");
    assertThat(r.err()).contains("Stalled: omni-examples/no-warehouse: InvalidSpec");
  }

  @Test
  void aWrongTypeIsOneLineNamingTheDocumentAndTheField() throws IOException {
    Files.writeString(
        dir.resolve("typo.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: x}
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: pg, namespace: x}
        spec:
          dialect: postgres
          port: "5432"
        """);

    Cli.Result r = Cli.run("sandbox", "-f", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: "
                + dir.resolve("typo.yaml")
                + ", document 2 (OmniConnection pg): spec.port: expected an integer");
  }

  @Test
  void againstASixtyPerMinuteOmniItFinishesWithoutA429() throws IOException {
    try (OmniSimulator sim =
        OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(60).build())) {
      Path token = dir.resolve("token");
      Files.writeString(token, SimulatorOptions.DEFAULT_TOKEN + "\n");
      long started = System.nanoTime();

      Cli.Result r =
          Cli.run(
              "sandbox",
              "-f",
              Cli.EXAMPLES.toString(),
              "--omni-url",
              sim.baseUrl(),
              "--omni-token-file",
              token.toString(),
              "--timeout",
              "50s");

      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      assertThat(r.code()).as(r.all()).isZero();
      for (String route : List.of("list", "get", "create", "patch", "delete")) {
        assertThat(sim.count(route, 429)).as("429s on " + route).isZero();
      }
      assertThat(sim.journal()).noneMatch(j -> j.status() == 429);
      assertThat(sim.count("create", 201)).isEqualTo(9);
      System.out.printf(
          "60/min Omni: converged in %ds with %d requests%n", seconds, sim.totalRequests());
      assertThat(r.err()).contains("Omni: " + sim.baseUrl() + " (real Omni, API v1)");
    }
  }

  static String[] args(String... head) {
    String[] all = new String[head.length + FAST.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(FAST, 0, all, head.length, FAST.length);
    if (!List.of(head).contains("-f")) {
      String[] withFiles = new String[all.length + 2];
      System.arraycopy(all, 0, withFiles, 0, all.length);
      withFiles[all.length] = "-f";
      withFiles[all.length + 1] = Cli.EXAMPLES.toString();
      return withFiles;
    }
    return all;
  }

  void copyExamples() throws IOException {
    try (var files = Files.list(Cli.EXAMPLES)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  /** The table's data rows (without header and summary). */
  static List<String> tableRows(String out) {
    return out.lines().filter(l -> l.startsWith("omni-examples ")).toList();
  }

  static String row(String out, String name) {
    return tableRows(out).stream()
        .filter(l -> l.contains(" " + name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + out));
  }
}
