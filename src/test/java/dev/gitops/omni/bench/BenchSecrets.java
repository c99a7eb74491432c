package dev.gitops.omni.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secret values of one run: random per run and resource, only ever compared, never printed;
 * every one handed out (current and rotated) is remembered for the leak scan.
 */
final class BenchSecrets {
  private final String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  private final Map<String, String> secretValues = new ConcurrentHashMap<>();
  private final Set<String> everSecret = ConcurrentHashMap.newKeySet();

  /** Writes (creates or rotates) the resource's Secret with a new value. */
  Secret write(KubernetesClient k8s, String resource) {
    String value = newSecretValue(resource);
    everSecret.add(value);
    Secret s =
        new SecretBuilder()
            .withMetadata(
                new ObjectMetaBuilder().withName(resource + "-pw").withNamespace(Rig.NS).build())
            .withData(
                Map.of(
                    "password",
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
            .build();
    Secret written = k8s.secrets().inNamespace(Rig.NS).resource(s).createOr(c -> c.update());
    secretValues.put(resource, value);
    return written;
  }

  /** A fresh secret value: unique per run and resource, never printed. */
  private String newSecretValue(String resource) {
    return "pw-" + salt + "-" + resource + "-" + HexFormat.of().toHexDigits(System.nanoTime());
  }

  /** The resource's current password, or null when it has no Secret yet. */
  String current(String resource) {
    return secretValues.get(resource);
  }

  /** Every secret value handed out (current and rotated), and {@code token}: for leak scans. */
  Set<String> toHide(String token) {
    Set<String> all = ConcurrentHashMap.newKeySet();
    all.addAll(everSecret);
    all.add(token);
    return all;
  }
}
