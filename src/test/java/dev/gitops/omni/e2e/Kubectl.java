package dev.gitops.omni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The kubectl built with the API server, run as a user would, one command at a time. */
public final class Kubectl {
  private final Path kubeconfig;

  Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** What one command printed and how it ended. */
  public record Result(int exitCode, String out, String err) {
    public Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ": " + err + out);
      }
      return this;
    }
  }

  /** {@code kubectl -n NS patch KIND NAME --type=merge -p JSON}, which must succeed. */
  public Result mergePatch(String namespace, String kind, String name, String json) {
    return run("-n", namespace, "patch", kind, name, "--type=merge", "-p", json).ok();
  }

  /** Sets an OmniConnection's spec.baseRole, as a user's edit would. */
  public Result setBaseRole(String namespace, String name, String role) {
    return mergePatch(
        namespace, "omniconnection", name, "{\"spec\":{\"baseRole\":\"" + role + "\"}}");
  }

  /** Rotates the password in a Secret's key {@code password}. */
  public Result setPassword(String namespace, String secret, String password) {
    return mergePatch(
        namespace, "secret", secret, "{\"stringData\":{\"password\":\"" + password + "\"}}");
  }

  /** Applies {@code crdFile} server-side and waits until the API server serves it. */
  public void installCrd(java.nio.file.Path crdFile) {
    run("apply", "--server-side", "-f", crdFile.toString()).ok();
    // crds/<plural>.<group>-v1.yml holds the CRD named <plural>.<group>
    String file = crdFile.getFileName().toString();
    String name =
        file.startsWith("omni") || file.startsWith("cluster")
            ? file.substring(0, file.lastIndexOf("-v1.yml"))
            : "omniconnections." + dev.gitops.omni.model.OmniConnection.GROUP;
    run("wait", "--for=condition=Established", "--timeout=60s", "crd/" + name).ok();
  }

  /** Reads a stream to its end on a thread of its own, so neither pipe fills up. */
  private static java.util.concurrent.CompletableFuture<String> drain(java.io.InputStream in) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return e.toString();
          }
        });
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} (may be null) on its standard input. */
  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(KubeBinaries.binary("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    // the verb only in a report: arguments may carry a value (a patch)
    return exec(command, stdin, "kubectl " + args[0]);
  }

  /** Runs any command to its end (120 s at most), {@code stdin} (may be null) on its input. */
  static Result exec(List<String> command, String stdin, String what) {
    try {
      Process p = new ProcessBuilder(command).start();
      var out = drain(p.getInputStream());
      var err = drain(p.getErrorStream());
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(what + " timed out after 120 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
