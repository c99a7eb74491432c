package dev.gitops.omni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipped jar ({@code target/omni-operator.jar run}) as a child process, as the container image
 * runs it: a kubeconfig for its ServiceAccount, the API key in a file, a pod-like HOSTNAME (the
 * leader-election identity), and its /readyz and /metrics on a port of its own.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ChildProcess process;
  private final int httpPort;

  private OperatorProcess(ChildProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /**
   * Starts {@code run} with the given kubeconfig and Omni; {@code env} is the environment a
   * Deployment would give it (its flags win over it), {@code extraArgs} more of its options.
   */
  public static OperatorProcess start(
      String identity,
      Path kubeconfig,
      String omniUrl,
      String token,
      Map<String, String> env,
      List<String> extraArgs) {
    return start(identity, kubeconfig, omniUrl, token, env, List.of("-Xmx256m"), extraArgs);
  }

  /**
   * As {@link #start(String, Path, String, String, Map, List)} without a Deployment environment,
   * with {@code jvmOptions} (e.g. {@code -Xmx1g}) in place of the default {@code -Xmx256m}.
   */
  public static OperatorProcess start(
      String identity,
      Path kubeconfig,
      String omniUrl,
      String token,
      List<String> jvmOptions,
      List<String> extraArgs) {
    return start(identity, kubeconfig, omniUrl, token, Map.of(), jvmOptions, extraArgs);
  }

  /** The general form: a Deployment's environment, JVM options, and more of run's options. */
  public static OperatorProcess start(
      String identity,
      Path kubeconfig,
      String omniUrl,
      String token,
      Map<String, String> env,
      List<String> jvmOptions,
      List<String> extraArgs) {
    Path jar = Path.of(System.getProperty("operator.jar", "target/omni-operator.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: the e2e suite runs after `mvn package`");
    }
    try {
      Path dir = kubeconfig.getParent();
      Path tokenFile = Files.writeString(dir.resolve(identity + ".token"), token);
      int port = freePort();
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString()));
      command.addAll(
          List.of(
              "run",
              "--omni-url=" + omniUrl,
              "--omni-token-file=" + tokenFile,
              "--http-port=" + port,
              "--log-level=INFO"));
      command.addAll(extraArgs);
      Map<String, String> environment = new java.util.HashMap<>(env);
      environment.put("KUBECONFIG", kubeconfig.toString());
      environment.put("HOSTNAME", identity);
      var process =
          ChildProcess.start(identity, command, environment, dir.resolve(identity + ".log"));
      return new OperatorProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True once /readyz answers 200 (started, informers healthy). */
  public boolean ready() {
    return get("/readyz").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** The Prometheus text of /metrics. */
  public String metrics() {
    return get("/metrics")
        .filter(r -> r.statusCode() == 200)
        .map(HttpResponse::body)
        .orElseThrow(() -> new AssertionError(this + ": /metrics unreachable"));
  }

  /** The sum of omni_operator_omni_requests_total: every Omni call this process made. */
  public long omniRequests() {
    String text = metrics();
    return Math.round(
        text.lines()
            .filter(l -> l.startsWith("omni_operator_omni_requests_total{"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum());
  }

  private java.util.Optional<HttpResponse<String>> get(String path) {
    try {
      return java.util.Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  public boolean alive() {
    return process.alive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no Lease release. */
  public void kill() {
    process.kill();
  }

  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return process.toString();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
