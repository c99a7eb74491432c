package dev.gitops.omni.cli;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.sandbox.FileWatcher;
import dev.gitops.omni.sandbox.ManifestApplier;
import dev.gitops.omni.sandbox.ManifestException;
import dev.gitops.omni.sandbox.ManifestReader;
import dev.gitops.omni.sandbox.Sandbox;
import dev.gitops.omni.sandbox.StatusRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's run: apply the manifests, start the operator, report progress until every resource
 * settles (Ready, or Stalled and waiting for a human) or the timeout passes, print the table; with
 * --keep-running go on until interrupted, with --watch re-apply the files whenever they change.
 */
final class SandboxRunner {
  private static final long TICK_MS = 200;

  /** After a re-apply, how long before "settled" is believed: the operator must see it first. */
  private static final long GRACE_MS = 1500;

  private final Sandbox sandbox;
  private final List<Path> paths;
  private final ManifestReader.Result initial;
  private final Duration timeout;
  private final boolean keepRunning;
  private final boolean watch;
  private final PrintWriter out;
  private final Progress progress;
  private final ManifestApplier applier;
  private final Map<String, String> announced = new HashMap<>();
  private final SandboxInstances instances;

  SandboxRunner(
      Sandbox sandbox,
      List<Path> paths,
      ManifestReader.Result initial,
      Duration timeout,
      boolean keepRunning,
      boolean watch,
      PrintWriter out,
      Progress progress) {
    this.sandbox = sandbox;
    this.paths = paths;
    this.initial = initial;
    this.timeout = timeout;
    this.keepRunning = keepRunning;
    this.watch = watch;
    this.out = out;
    this.progress = progress;
    this.applier = new ManifestApplier(sandbox.kubernetes());
    this.instances = new SandboxInstances(sandbox.kubernetes());
  }

  int run() {
    progress.line("Kubernetes API (embedded, in memory): " + sandbox.kubernetesUrl());
    SandboxBanner.lines(sandbox).forEach(progress::line);
    initial.skipped().forEach(s -> progress.line("skipped " + s));
    var changes = applier.sync(sandbox.forOmni(initial.manifests()));
    progress.line("applied " + changes.size() + " resources from " + paths);
    sandbox.start();
    progress.line("operator started; waiting for the OmniConnections to be Ready");
    try {
      return loop();
    } catch (InterruptedException e) {
      Thread.interrupted();
      progress.line("stopping");
      List<StatusRow> rows = rows();
      announce(rows);
      table(rows);
      return exitCode(rows);
    }
  }

  private int loop() throws InterruptedException {
    FileWatcher watcher = watch ? new FileWatcher(paths) : null;
    long deadline = now() + timeout.toMillis();
    long believeAfter = 0;
    boolean reported = false;
    while (true) {
      List<StatusRow> rows = rowsOrStop();
      announce(rows);
      boolean settled = now() > believeAfter && rows.stream().allMatch(StatusRow::settled);
      if (!reported && (settled || now() > deadline)) {
        if (!settled) {
          progress.line("timed out after " + timeout.toSeconds() + "s: not every resource settled");
        }
        table(rows);
        reported = true;
        if (!keepRunning) {
          return exitCode(rows);
        }
        progress.line(
            watch
                ? "watching " + paths + " for changes; Ctrl-C to stop"
                : "still running; Ctrl-C to stop");
      }
      if (watcher != null && watcher.changed(100) && reapply()) {
        reported = false;
        deadline = now() + timeout.toMillis();
        believeAfter = now() + GRACE_MS;
      }
      Thread.sleep(TICK_MS);
    }
  }

  /** Re-reads the files and applies the difference; a broken file is reported and skipped. */
  private boolean reapply() {
    try {
      var changes = applier.sync(sandbox.forOmni(ManifestReader.read(paths).manifests()));
      changes.forEach(c -> progress.line(c.toString()));
      return !changes.isEmpty();
    } catch (ManifestException e) {
      progress.line("not applied: " + e.getMessage());
      return false;
    }
  }

  private void announce(List<StatusRow> rows) {
    instances.refresh().forEach(progress::line);
    long ready =
        rows.stream().filter(r -> r.isReady() && "ready".equals(announced.get(r.key()))).count();
    for (StatusRow r : rows) {
      String state =
          r.isReady() ? "ready" : r.stalled() ? "stalled " + r.reason() + " " + r.message() : "";
      String before = announced.put(r.key(), state);
      if (state.isEmpty() || state.equals(before)) {
        continue;
      }
      if (r.isReady()) {
        ready++;
        progress.line(
            "Ready " + ready + "/" + rows.size() + ": " + r.key() + " (" + r.message() + ")");
      } else {
        progress.line("Stalled: " + r.key() + ": " + r.reason() + ": " + r.message());
      }
    }
  }

  private List<StatusRow> rowsOrStop() throws InterruptedException {
    try {
      return rows();
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
        throw new InterruptedException("stopped");
      }
      throw e;
    }
  }

  private List<StatusRow> rows() {
    return sandbox
        .kubernetes()
        .resources(OmniConnection.class)
        .inAnyNamespace()
        .list()
        .getItems()
        .stream()
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .map(StatusRow::of)
        .sorted(Comparator.comparing(StatusRow::key))
        .toList();
  }

  /** The table of {@code rows}, with the instances as {@link #announce} last read them. */
  private void table(List<StatusRow> rows) {
    boolean withInstance = instances.shown(rows);
    List<String> header =
        new ArrayList<>(
            List.of("NAMESPACE", "NAME", "DIALECT", "READY", "SYNCED", "CONNECTION ID", "MESSAGE"));
    if (withInstance) {
      header.add(3, "INSTANCE");
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (StatusRow r : rows) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  r.namespace(),
                  r.name(),
                  r.dialect(),
                  r.current() ? r.ready() : "Unknown",
                  r.current() ? r.synced() : "Unknown",
                  r.connectionId(),
                  r.message()));
      if (withInstance) {
        cells.add(3, instances.of(r));
      }
      t.add(cells.toArray(String[]::new));
    }
    t.print(out);
    long ready = rows.stream().filter(StatusRow::isReady).count();
    out.println();
    out.println(
        ready
            + "/"
            + rows.size()
            + " OmniConnections Ready ["
            + progress.elapsed()
            + "]"
            + (ready == rows.size() ? "" : "; see MESSAGE for what the others need"));
    out.flush();
  }

  private static int exitCode(List<StatusRow> rows) {
    return rows.stream().allMatch(StatusRow::isReady) ? 0 : 1;
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
