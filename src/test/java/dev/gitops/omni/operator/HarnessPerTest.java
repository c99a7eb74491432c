package dev.gitops.omni.operator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link Harness} a test starts, closed after the test. Register it with
 * {@code @RegisterExtension} and start each test's rig through it.
 */
final class HarnessPerTest implements AfterEachCallback {
  private Harness harness;

  /** The rig most tests use (see {@link Harness#startedWithPostgresSecret()}). */
  Harness startedWithPostgresSecret() {
    return closedAfterTheTest(Harness.startedWithPostgresSecret());
  }

  /** {@code h}, to be closed after the test. */
  Harness closedAfterTheTest(Harness h) {
    harness = h;
    return h;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }
}
