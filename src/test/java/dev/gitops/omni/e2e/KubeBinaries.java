package dev.gitops.omni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where e2e/build-binaries.sh put kube-apiserver, kube-controller-manager, kubectl and etcd, in the
 * layout io.fabric8:kube-api-test reads offline ({@code <root>/k8s/<version>-<os>-<arch>/}). Both
 * sides compute the same folder: {@code OMNI_E2E_DIR}, else {@code $XDG_CACHE_HOME} or {@code
 * ~/.cache}, plus {@code omni-operator-e2e}; the version is the one e2e/kube/go.mod pins.
 */
public final class KubeBinaries {
  static final List<String> NAMES =
      List.of("kube-apiserver", "kube-controller-manager", "kubectl", "etcd");

  private KubeBinaries() {}

  /** kube-api-test's test folder: binaries under k8s/, certificates at the top. */
  public static Path root() {
    String dir = System.getenv("OMNI_E2E_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("omni-operator-e2e");
  }

  /** The Kubernetes release e2e/kube/go.mod pins, e.g. {@code 1.35.4}. */
  public static String version() {
    Path goMod = Path.of(System.getProperty("project.basedir", "."), "e2e", "kube", "go.mod");
    try {
      Matcher m =
          Pattern.compile("(?m)^\\s*k8s\\.io/kubernetes v(\\d+\\.\\d+\\.\\d+)")
              .matcher(Files.readString(goMod));
      if (!m.find()) {
        throw new IllegalStateException(goMod + " pins no k8s.io/kubernetes release");
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path dir() {
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    String os = System.getProperty("os.name").toLowerCase();
    return root().resolve("k8s").resolve(version() + "-" + os + "-" + arch);
  }

  public static Path binary(String name) {
    return dir().resolve(name);
  }

  /** True when CI asked for the e2e suite: then missing binaries fail instead of skipping. */
  static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("OMNI_E2E_REQUIRED"));
  }

  /** The binaries not built yet. */
  static List<String> missing() {
    return NAMES.stream().filter(n -> !Files.isExecutable(binary(n))).toList();
  }

  static String skipReason(List<String> missing) {
    return "end-to-end test skipped: "
        + String.join(", ", missing)
        + " not built in "
        + dir()
        + " (needs Go; run e2e/build-binaries.sh, see docs/e2e.md)";
  }

  /** Skips the calling test plainly (or fails it, when required) without the binaries. */
  public static void assumePresent() {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    String why = skipReason(missing);
    if (required()) {
      Assertions.fail(why.replace("skipped", "required (OMNI_E2E_REQUIRED=true)"));
    }
    Assumptions.abort(why);
  }
}
