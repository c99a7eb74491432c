package dev.gitops.omni.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped operator on a real etcd + kube-apiserver (the e2e suite's RealCluster and
 * OperatorInstall): for each N, a fresh cluster with N Secrets and N OmniConnections written before
 * the operator starts; then start-up, convergence, the Kubernetes writes per created connection
 * (audit log) and the steady state on both APIs, next to the mock rows of bench/results.md.
 *
 * <pre>
 * --n 1000,10000            the sizes, one fresh cluster each
 * --heap 1g                 the operator JVM's -Xmx (the mock rows ran with 1g)
 * --out bench/results.md    where the section goes (replaced, or appended); "-" to print only
 * </pre>
 *
 * Needs the binaries of e2e/build-binaries.sh and target/omni-operator.jar; run it through
 * bench/run-real-apiserver.sh. Everything is on loopback and bounded in time.
 */
public final class RealApiServerBench {
  static final Path NOTES = Path.of("bench", "notes-real-apiserver.md");

  private RealApiServerBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(1000, 10000);
    String heap = "1g";
    int unrelated = 0;
    String out = "bench/results.md";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--n" ->
            sizes =
                List.of(args[++i].split(",")).stream().map(s -> Integer.valueOf(s.trim())).toList();
        case "--heap" -> heap = args[++i];
        case "--unrelated-secrets" -> unrelated = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String command = System.getProperty("bench.command", "bench/run-real-apiserver.sh").trim();
    RealApiMockRows mock = RealApiMockRows.read(Path.of("bench", "results.md"));
    List<RealApiResult> results = new ArrayList<>();
    String section = "";
    for (int n : sizes) {
      try {
        results.add(RealApiRun.run(n, heap, unrelated, System.err::println));
      } catch (Exception | AssertionError e) {
        // keep what the other sizes measured; say why this one has no column
        System.err.println("[N=" + n + "] failed: " + e);
        e.printStackTrace();
      }
      section =
          new RealApiReport(results, mock)
              .render(command, machine(), setUp(heap, unrelated), notes());
      if (!out.equals("-") && !results.isEmpty()) {
        Path file = Path.of(out);
        String text = Files.isRegularFile(file) ? Files.readString(file) : "";
        Report.write(file, RealApiReport.replaceSection(text, section));
      }
    }
    System.out.println(section);
    System.exit(results.size() == sizes.size() ? 0 : 1);
  }

  static String machine() {
    return Benchmark.machine();
  }

  static String setUp(String heap, int unrelated) {
    return "for each N a fresh etcd + kube-apiserver "
        + dev.gitops.omni.e2e.KubeBinaries.version()
        + " on loopback (io.fabric8:kube-api-test, RBAC on, audit log at level Metadata in"
        + " blocking mode, `--max-requests-inflight=800 --max-mutating-requests-inflight=400`);"
        + " CRD applied server-side and `kubectl apply -k deploy/`; the admin writes N Secrets and"
        + " N OmniConnections (postgres, each with its own Secret, `deletionPolicy: Orphan`) in"
        + " namespace `bench` with 16 threads before the operator starts"
        + (unrelated == 0
            ? ""
            : ", and "
                + unrelated
                + " Secrets no OmniConnection references (Helm-release-like: type"
                + " `helm.sh/release.v1`, "
                + RealApiWorld.UNRELATED_BYTES / 1024
                + " KiB of data each)")
        + "; then the shipped jar as"
        + " the ServiceAccount `omni-operator/omni-operator`: `java -Xmx"
        + heap
        + " [-XX:SharedArchiveFile=target/omni-operator.jsa] -jar target/omni-operator.jar run"
        + " --omni-url <simulator> --omni-token-file <file> --http-port <port> --log-level=INFO "
        + String.join(" ", RealApiRun.ARGS)
        + "`. The Omni simulator (in the bench JVM) has no rate limit and answers after 80 ms,"
        + " as in the mock rows. Ready = Ready=True for the current generation, seen by an"
        + " informer of the admin's; times are from the operator process's start. Writes are"
        + " the audit log's requests by the operator's user with verb create, update or patch,"
        + " from its start until it has written nothing for a whole poll interval; the steady"
        + " state is the "
        + RealApiRun.STEADY_INTERVALS
        + " poll intervals that follow. The mock columns are the `shared"
        + " 1000@6000` and `shared 10000@6000` columns of the Runs table above (same operator"
        + " options, heap and archive, the Fabric8 mock API in place of the real one).";
  }

  static String notes() {
    try {
      return Files.isRegularFile(NOTES) ? Files.readString(NOTES) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
