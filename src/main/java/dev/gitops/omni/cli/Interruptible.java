package dev.gitops.omni.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs long work so that Ctrl-C ends it cleanly: the shutdown hook interrupts the working thread
 * and waits for it to finish (it prints its final report and closes what it started). A test stops
 * the same work by interrupting the thread it runs on.
 */
final class Interruptible {
  private Interruptible() {}

  static int run(Callable<Integer> body) throws Exception {
    Thread worker = Thread.currentThread();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                done.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "omni-operator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.call();
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it only waits for the countDown above
      }
    }
  }
}
