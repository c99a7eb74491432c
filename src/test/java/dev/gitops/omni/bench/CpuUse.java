package dev.gitops.omni.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM (the bench: readiness informer, Omni simulator) and of the processes it
 * started (etcd, kube-apiserver, the operator), by executable name: two snapshots give what each
 * used in between.
 */
record CpuUse(Map<String, Duration> byProcess) {

  static CpuUse now() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("bench JVM", cpu(ProcessHandle.current()));
    ProcessHandle.current()
        .children()
        .forEach(
            p -> {
              String name =
                  p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
              name = name.equals("java") ? "operator JVM" : name;
              m.merge(name, cpu(p), Duration::plus);
            });
    return new CpuUse(m);
  }

  private static Duration cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * e.g. {@code operator JVM 41.2 s, kube-apiserver 30.1 s, ...}: CPU used since {@code before}.
   */
  String since(CpuUse before, Duration wall) {
    StringBuilder b = new StringBuilder();
    byProcess.forEach(
        (name, t) -> {
          Duration used = t.minus(before.byProcess.getOrDefault(name, Duration.ZERO));
          if (!used.isNegative() && !used.isZero()) {
            b.append(b.isEmpty() ? "" : ", ")
                .append(name)
                .append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.1f s", used.toMillis() / 1000.0));
          }
        });
    return b.append(String.format(java.util.Locale.ROOT, " in %.1f s", wall.toMillis() / 1000.0))
        .toString();
  }

  /** The machine's load averages, as {@code uptime} prints them. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
