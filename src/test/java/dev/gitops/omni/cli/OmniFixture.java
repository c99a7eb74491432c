package dev.gitops.omni.cli;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import dev.gitops.omni.simulator.SimulatorOptionsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator, its token in a file in a directory of its own, and the flags (and a kubeconfig) that
 * point a command at it.
 *
 * <p>Register it with {@code @RegisterExtension}: on an instance field it starts before each test
 * and closes after it; on a static field it starts once for the class. The test class's own
 * {@code @BeforeEach} (or {@code @BeforeAll}) methods run after it has started.
 */
final class OmniFixture
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  OmniSimulator sim;
  Path dir;
  private Path token;
  private boolean perClass;
  private final UnaryOperator<SimulatorOptionsBuilder> options;

  OmniFixture() {
    this(b -> b);
  }

  /** A simulator with {@code options} applied to the fixture's (no rate limit). */
  OmniFixture(UnaryOperator<SimulatorOptionsBuilder> options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      close();
    }
  }

  private void start() throws IOException {
    dir = Files.createTempDirectory("omni-fixture");
    sim =
        OmniSimulator.start(
            options.apply(SimulatorOptions.builder().rateLimitPerMinute(0)).build());
    token = write("omni-token", SimulatorOptions.DEFAULT_TOKEN + "\n");
  }

  private void close() throws IOException {
    sim.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  String seed(String dialect, String name, Map<String, Object> more) {
    var body = new java.util.LinkedHashMap<String, Object>(more);
    body.put("dialect", dialect);
    body.put("name", name);
    body.putIfAbsent("passwordUnencrypted", "seeded-secret");
    return sim.seed(body);
  }

  Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code command} with the Omni flags, then {@code args}. */
  Cli.Result run(String command, String... args) {
    return Cli.run(line(List.of(command), args));
  }

  /**
   * The command line for {@code plan} from the files alone, with the Omni flags, then {@code more}.
   */
  String[] plan(String... more) {
    return line(List.of("plan", "--no-cluster"), more);
  }

  private String[] line(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of("--omni-url", sim.baseUrl(), "--omni-token-file", token.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** A kubeconfig for the API server at {@code url}, with a token, in namespace team. */
  Path kubeconfig(String url) {
    return write(
        "kubeconfig",
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: team}}]
        current-context: c
        """
            .formatted(url));
  }
}
