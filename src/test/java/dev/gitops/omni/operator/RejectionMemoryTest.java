package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rejection is remembered for the inputs it was made with, the instance's key among them. */
class RejectionMemoryTest {
  final RejectionMemory memory = new RejectionMemory();
  final OmniConnection r = OperatorUnits.postgres("sales");
  final Map<String, String> secrets = Map.of("password", "pg/uid/7");

  @Test
  void theCommandLinesKeyAddsNothingSoStoredFingerprintsStillMatch() {
    assertThat(memory.fingerprintOf(r, secrets)).isEqualTo(RejectionMemory.fingerprint(r, secrets));
  }

  @Test
  void anInstanceKeyFromAnotherSecretVersionTriesTheRejectedInputsAgain() {
    memory.keyIs("omni-key/uid/1");
    String before = memory.fingerprintOf(r, secrets);
    memory.remember("ns/sales", before, Outcome.stalled(Reason.PERMISSION_DENIED, "403"));
    assertThat(memory.recall("ns/sales", memory.fingerprintOf(r, secrets))).isPresent();

    memory.keyIs("omni-key/uid/2");

    String after = memory.fingerprintOf(r, secrets);
    assertThat(after).isNotEqualTo(before);
    assertThat(memory.recall("ns/sales", after)).as("a rotated key: tried again").isEmpty();
  }
}
