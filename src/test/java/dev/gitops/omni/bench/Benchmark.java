package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark and fault soak of issue 6, as one rerunnable program. Run it with {@code
 * bench/run.sh} (which builds the jar and calls this class on the test classpath); it prints the
 * tables and writes them, with the machine and the exact command, to {@code bench/results.md}.
 *
 * <pre>
 * --runs shared:100:60,naive:100:60,...   strategy:N:R[:threads] (R = Omni's limit = the budget),
 *                                         or "none"
 * --soak 1000:60000:3000:90               N:Omni limit:operator budget:chaos seconds, or "none"
 * --samples 20                            edits and rotations timed per run
 * --out bench/results.md                  where the report goes ("-" for none)
 * --keys 3[:600[:60[:orgs|keys]]],...     K-keys runs of issue 12: K instances, N connections, R
 *                                         per key, keys in K organisations or one (default
 *                                         600, 60, orgs); alone, only these run and only the
 *                                         section "K keys (issue 12)" of --out is replaced
 * --schedules 100:60,1000:6000            schedules runs of issue 13: N connections with two
 *                                         schedules each at R/min (N[:R[:inprocess]], R default
 *                                         60); alone, only these run and only the section
 *                                         "Schedules (issue 13)" of --out is replaced
 * </pre>
 *
 * Everything runs on loopback; every loop is bounded and the program ends by itself.
 */
public final class Benchmark {
  static final String DEFAULT_RUNS =
      "shared:100:60,naive:100:60,shared:1000:6000:20,naive:1000:6000:20,shared:10000:6000:20";
  static final String DEFAULT_SOAK = "200:100000:600:20";

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    String runs = DEFAULT_RUNS;
    String soak = DEFAULT_SOAK;
    int samples = 20;
    String out = "bench/results.md";
    String heap = "1g";
    Path jar = Path.of("target", "omni-operator.jar");
    String keys = null;
    String schedules = null;
    boolean runsGiven = false;
    boolean soakGiven = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> {
          runs = args[++i];
          runsGiven = true;
        }
        case "--soak" -> {
          soak = args[++i];
          soakGiven = true;
        }
        case "--keys" -> keys = args[++i];
        case "--schedules" -> schedules = args[++i];
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        case "--heap" -> heap = args[++i];
        case "--jar" -> jar = Path.of(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i] + "; see the class comment");
          System.exit(2);
        }
      }
    }
    if (keys != null || schedules != null) {
      // the K-keys or schedules runs alone, unless the others are asked for too
      runs = runsGiven ? runs : "none";
      soak = soakGiven ? soak : "none";
    }
    String command = System.getProperty("bench.command", "bench/run.sh " + String.join(" ", args));
    Path work = Files.createTempDirectory("omni-bench-");
    StringBuilder printed = new StringBuilder();
    java.util.function.Consumer<String> log =
        line -> {
          System.out.println(line);
          synchronized (printed) {
            printed.append(line).append('\n');
          }
        };
    Instant started = Instant.now();
    List<BenchResult> results = new ArrayList<>();
    long seed = 6;
    for (String spec : runs.split(",")) {
      if (spec.isBlank() || spec.equals("none")) {
        continue;
      }
      String[] p = spec.trim().split(":");
      Strategy strategy = p[0].equals("naive") ? Strategy.NAIVE : Strategy.SHARED_LIST;
      int n = Integer.parseInt(p[1]);
      int rate = Integer.parseInt(p[2]);
      int threads = p.length > 3 ? Integer.parseInt(p[3]) : 10;
      Duration poll = rate <= 120 ? Duration.ofSeconds(15) : Duration.ofSeconds(10);
      var scenario =
          new BenchRun.Scenario(
              p[0] + " " + n + "@" + rate,
              n,
              rate,
              rate,
              strategy,
              true,
              poll,
              threads,
              Math.min(samples, n),
              heap,
              jar,
              work,
              seed++);
      log.accept("== " + scenario.label());
      BenchResult r = BenchRun.run(scenario, log);
      results.add(r);
      log.accept(Report.runs(List.of(r)));
    }
    SoakResult soakResult = null;
    if (!soak.equals("none")) {
      String[] p = soak.split(":");
      var scenario =
          new Soak.Scenario(
              "soak",
              Integer.parseInt(p[0]),
              Integer.parseInt(p[1]),
              Integer.parseInt(p[2]),
              true,
              Duration.ofSeconds(5),
              20,
              Duration.ofSeconds(Integer.parseInt(p[3])),
              5,
              Math.max(5, Integer.parseInt(p[0]) / 50),
              heap,
              jar,
              work,
              seed);
      log.accept("== fault soak");
      soakResult = Soak.run(scenario, log);
      log.accept(SoakReport.soak(soakResult));
    }
    if ((keys == null && schedules == null) || !results.isEmpty() || soakResult != null) {
      writeReport(results, soakResult, command, Duration.between(started, Instant.now()), out);
    }
    if (keys != null) {
      List<KeysResult> keyed = KeysRun.runAll(keys, heap, jar, work, seed, log);
      String section = KeysReport.section(keyed, command, machine());
      System.out.println(section);
      if (!out.equals("-")) {
        ReportSections.write(Path.of(out), KeysReport.HEADING, section);
        System.out.println("section \"K keys (issue 12)\" written to " + out);
      }
    }
    if (schedules != null) {
      List<SchedulesResult> runs2 = SchedulesRun.runAll(schedules, heap, jar, work, seed, log);
      String section = SchedulesReport.section(runs2, command, machine());
      System.out.println(section);
      if (!out.equals("-")) {
        ReportSections.write(Path.of(out), SchedulesReport.HEADING, section);
        System.out.println("section \"Schedules (issue 13)\" written to " + out);
      }
    }
    // a soak whose faults never reached the operator is not a pass either
    boolean failed = soakResult != null && !soakResult.passed();
    System.exit(failed ? 1 : 0);
  }

  private static void writeReport(
      List<BenchResult> results, SoakResult soakResult, String command, Duration took, String out) {
    String report = render(results, soakResult, command, took);
    // the harness's own output is captured too: it must not hold a secret either
    System.out.println(report);
    if (!out.equals("-")) {
      // the sections other runs write (RealApiServerBench, --keys) outlive a rerun of this one
      for (String heading :
          List.of(RealApiReport.HEADING, KeysReport.HEADING, SchedulesReport.HEADING)) {
        String kept = ReportSections.existing(Path.of(out), heading);
        if (!kept.isEmpty()) {
          report = ReportSections.replace(report, heading, kept.stripTrailing() + "\n");
        }
      }
      Report.write(Path.of(out), report);
      System.out.println("written to " + out);
    }
  }

  static String render(List<BenchResult> results, SoakResult soak, String command, Duration took) {
    StringBuilder b = new StringBuilder();
    b.append("# omni-operator: benchmark and fault soak (issue 6)\n\n");
    b.append("Generated by `dev.gitops.omni.bench.Benchmark` on ")
        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(", in ")
        .append(took.toMinutes())
        .append(" min.\n\n");
    b.append("Command: `").append(command).append("`\n\n");
    b.append("Machine: ").append(machine()).append("\n\n");
    b.append(
            "Set-up: the Fabric8 mock Kubernetes API (CRUD mode) and the Omni simulator run in the"
                + " harness JVM on loopback; the operator under test is the shipped jar in its own JVM"
                + " (`")
        .append(OperatorCommandLine.commandShape())
        .append(
            "`), except the naive baseline, which is the harness's per-resource poller"
                + " (`NaiveOperator`) with the same budget, threads, client and poll interval. Omni"
                + " answers after 80 ms. Every resource has its own Secret. Times are from the"
                + " operator JVM's start; PATCH times are the simulator journal's (response) time"
                + " minus the moment the edit was written.\n\n");
    if (!results.isEmpty()) {
      b.append("## Targets\n\n");
      b.append(TargetReport.targets(TargetReport.judge(results, soak)));
      b.append("\n## Runs\n\n");
      b.append(Report.runs(results));
      b.append("\n## Call ratio: shared list vs naive per-resource GET\n\n");
      b.append(ComparisonReport.ratios(results));
    }
    if (soak != null) {
      b.append("\n## Fault soak\n\n");
      b.append(SoakReport.soak(soak));
    }
    Path notes = Path.of("bench", "notes.md");
    if (Files.isRegularFile(notes)) {
      try {
        b.append('\n').append(Files.readString(notes));
      } catch (IOException e) {
        // notes are optional
      }
    }
    return b.toString();
  }

  static String machine() {
    String cpu = "?";
    long mem = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          mem = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB memory, %s %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        mem / 1073741824.0,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }
}
