package dev.gitops.omni.operator;

import static dev.gitops.omni.operator.Harness.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the Secrets cache holding only referenced Secrets whole, a Secret that nobody referenced at
 * start and is referenced later still works, and its rotation still arrives as an event.
 */
class SecretCacheOperatorTest {
  private Harness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aSecretReferencedOnlyAfterStartIsReadAndItsRotationPatched() {
    h = new Harness();
    h.secret("pg", "password", "first-one");
    h.secret("later", "password", "later-one");
    h.secret("helm-release", "release", "not-ours");
    h.start();
    h.apply(postgres("first"));
    h.awaitReady("first");

    OmniConnection second = postgres("second");
    second.getSpec().passwordSecretRef =
        new dev.gitops.omni.model.SecretKeyRef("later", "password");
    h.apply(second);
    String id = h.awaitReady("second").getStatus().connectionId;
    assertThat(h.sim.secretMatches(id, "passwordUnencrypted", "later-one")).isTrue();

    h.sim.clearJournal();
    h.secret("later", "password", "later-two");
    await("rotation of a Secret first read after start")
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.sim.secretMatches(id, "passwordUnencrypted", "later-two"));
    assertThat(h.calls("patch")).hasSize(1);
  }
}
