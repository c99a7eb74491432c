package dev.gitops.omni.cli;

import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulator, its token in a file, and the flags (and a kubeconfig) that point a command at it.
 */
final class OmniFixture implements AutoCloseable {
  final OmniSimulator sim;
  final Path dir;
  private final Path token;

  OmniFixture(Path dir) {
    this.dir = dir;
    this.sim = OmniSimulator.start(SimulatorOptions.builder().rateLimitPerMinute(0).build());
    this.token = dir.resolve("omni-token");
    write("omni-token", SimulatorOptions.DEFAULT_TOKEN + "\n");
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
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of("--omni-url", sim.baseUrl(), "--omni-token-file", token.toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Override
  public void close() {
    sim.close();
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
