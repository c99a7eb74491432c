package dev.gitops.omni.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, in the log, how long the process took from its start to its first reconcile: the
 * number operators compare across versions and the benchmark reads.
 */
final class Startup {
  private static final Logger log = LoggerFactory.getLogger(Startup.class);
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private Startup() {}

  static void firstReconcile() {
    if (REPORTED.compareAndSet(false, true)) {
      log.info("first reconcile {} ms after the process started", sinceProcessStart().toMillis());
    }
  }

  static Duration sinceProcessStart() {
    Instant started = ProcessHandle.current().info().startInstant().orElseGet(Startup::jvmStart);
    return Duration.between(started, Instant.now());
  }

  private static Instant jvmStart() {
    return Instant.ofEpochMilli(
        java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}
