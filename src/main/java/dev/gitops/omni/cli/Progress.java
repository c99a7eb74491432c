package dev.gitops.omni.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines for long work, on stderr, each stamped with the time since the start. */
final class Progress {
  private final PrintWriter err;
  private final long started = System.nanoTime();

  Progress(PrintWriter err) {
    this.err = err;
  }

  void line(String message) {
    err.println("[" + elapsed() + "] " + message);
    err.flush();
  }

  String elapsed() {
    return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
  }
}
