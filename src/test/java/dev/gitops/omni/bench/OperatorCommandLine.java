package dev.gitops.omni.bench;

import dev.gitops.omni.bench.OperatorUnderTest.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the shipped operator in its own JVM: as the image runs it (with the
 * class-data archive when there is one), against the embedded API and the simulator.
 */
final class OperatorCommandLine {
  private OperatorCommandLine() {}

  /** {@code java ... -jar jar run ...} for {@code settings}, the token in {@code tokenFile}. */
  static List<String> of(Settings settings, Path jar, Path tokenFile, int httpPort) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + settings.maxHeap());
    Path archive = cdsArchive(jar);
    if (Files.isRegularFile(archive) && !Boolean.getBoolean("bench.noCds")) {
      // as the image runs it: classes mapped from the archive its build's training run wrote
      cmd.add("-XX:SharedArchiveFile=" + archive);
      cmd.add("-Xlog:cds=off");
      cmd.add("-Xlog:cds+dynamic=off");
    }
    // e.g. -Dbench.operatorJvmArgs="-Dlogback.configurationFile=... -Xlog:class+load" to look
    // inside
    String extra = System.getProperty("bench.operatorJvmArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-Dkubernetes.master=" + settings.kubernetesUrl(),
            "-Dkubernetes.auth.tryKubeConfig=false",
            "-Dkubernetes.auth.tryServiceAccount=false",
            "-Dkubernetes.namespace=" + Rig.NS,
            "-jar",
            jar.toString(),
            "run",
            "--omni-url",
            settings.omniUrl(),
            "--omni-token-file",
            tokenFile.toString()));
    if (!settings.watchNamespaces().isEmpty()) {
      cmd.addAll(List.of("--watch-namespaces", String.join(",", settings.watchNamespaces())));
    }
    cmd.addAll(
        List.of(
            "--poll-interval",
            settings.pollInterval().toMillis() + "ms",
            "--rate-limit",
            Integer.toString(settings.requestsPerMinute()),
            "--reconcile-threads",
            Integer.toString(settings.reconcileThreads()),
            "--http-port",
            Integer.toString(httpPort)));
    return cmd;
  }

  /** Where bench/run.sh (like the Dockerfile) writes the class-data archive of a training run. */
  static Path cdsArchive(Path jar) {
    return jar.resolveSibling("omni-operator.jsa");
  }

  /** The command line, with the token file's path (never the token). */
  static String commandShape() {
    return "java -Xmx<heap> [-XX:SharedArchiveFile=target/omni-operator.jsa]"
        + " -Dkubernetes.master=<embedded API> -jar target/omni-operator.jar run"
        + " --omni-url <simulator> --omni-token-file <file> --watch-namespaces bench"
        + " --poll-interval <p> --rate-limit <R> --reconcile-threads <t> --http-port <port>";
  }
}
