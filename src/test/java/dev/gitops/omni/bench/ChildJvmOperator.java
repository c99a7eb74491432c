package dev.gitops.omni.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real operator, exactly as shipped: {@code java -jar target/omni-operator.jar run ...} in its
 * own JVM, so its heap, RSS and start-up are measured alone. Fabric8 reads the API server URL from
 * the {@code kubernetes.master} system property; kubeconfig and service-account discovery are
 * turned off, and the embedded API is plain HTTP without authentication.
 */
final class ChildJvmOperator implements OperatorUnderTest {
  private final Settings settings;
  private final Path jar;
  private final Path workDir;
  private final Path tokenFile;
  private final List<Path> logs = new ArrayList<>();
  private Process process;
  private Instant startedAt;
  private int httpPort;

  ChildJvmOperator(Settings settings, Path jar, Path workDir) {
    this.settings = settings;
    this.jar = jar;
    this.workDir = workDir;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first with mvn -B -q -DskipTests package");
    }
    try {
      Files.createDirectories(workDir);
      tokenFile = workDir.resolve("omni-token");
      Files.writeString(tokenFile, settings.token(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    httpPort = freePort();
    Path log = workDir.resolve("operator-" + (logs.size() + 1) + ".log");
    logs.add(log);
    List<String> cmd = OperatorCommandLine.of(settings, jar, tokenFile, httpPort);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().remove("OMNI_TOKEN");
    pb.environment().remove("KUBECONFIG");
    try {
      startedAt = Instant.now();
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator JVM", e);
    }
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public synchronized void stop(boolean crash) {
    if (process == null || !process.isAlive()) {
      return;
    }
    if (crash) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  @Override
  public OptionalLong pid() {
    return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
  }

  JvmMemory memory() {
    return JvmMemory.of(process.pid());
  }

  /** The operator's Prometheus text from /metrics, or empty when unreachable. */
  String metrics() {
    try {
      var url = java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics").toURL();
      var c = (java.net.HttpURLConnection) url.openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try (var in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String capturedOutput() {
    StringBuilder b = new StringBuilder();
    for (Path p : logs) {
      try {
        b.append(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        // not written yet
      }
    }
    return b.toString();
  }

  private static final Pattern FIRST_RECONCILE =
      Pattern.compile("first reconcile (\\d+) ms after the process started");

  /** What the first operator JVM logged as its process start → first reconcile, if it did. */
  Optional<Duration> firstReconcile() {
    if (logs.isEmpty()) {
      return Optional.empty();
    }
    try {
      Matcher m = FIRST_RECONCILE.matcher(Files.readString(logs.get(0), StandardCharsets.UTF_8));
      return m.find()
          ? Optional.of(Duration.ofMillis(Long.parseLong(m.group(1))))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return "real operator, child JVM (-Xmx" + settings.maxHeap() + ")";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Duration since(Instant t) {
    return Duration.between(t, Instant.now());
  }
}
