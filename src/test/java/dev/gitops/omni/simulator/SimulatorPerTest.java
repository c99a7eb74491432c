package dev.gitops.omni.simulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator started before each test and closed after it. Register it with
 * {@code @RegisterExtension}; the test's own {@code @BeforeEach} methods run after it has started.
 */
final class SimulatorPerTest implements BeforeEachCallback, AfterEachCallback {
  private final SimulatorOptions options;
  private OmniSimulator sim;

  /** With no rate limit, so that a test's calls never meet a 429. */
  SimulatorPerTest() {
    this(SimulatorOptions.builder().rateLimitPerMinute(0).build());
  }

  SimulatorPerTest(SimulatorOptions options) {
    this.options = options;
  }

  /** The simulator of the running test. */
  OmniSimulator get() {
    return sim;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sim = OmniSimulator.start(options);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sim.close();
  }
}
