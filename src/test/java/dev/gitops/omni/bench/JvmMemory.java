package dev.gitops.omni.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a JVM on this machine: heap in use after a full GC, heap committed, and the resident
 * set.
 */
record JvmMemory(long heapAfterGcBytes, long heapCommittedBytes, long rssBytes) {

  /** Memory of the JVM with process id {@code pid}, after a full GC (through jcmd). */
  static JvmMemory of(long pid) {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    // G1: " garbage-first heap   total 262144K, used 73021K [..."
    Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
    long used = -1;
    long committed = -1;
    if (m.find()) {
      committed = Long.parseLong(m.group(1)) * 1024;
      used = Long.parseLong(m.group(2)) * 1024;
    }
    long rss = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      // not Linux: no RSS
    }
    return new JvmMemory(used, committed, rss);
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(
                  Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
