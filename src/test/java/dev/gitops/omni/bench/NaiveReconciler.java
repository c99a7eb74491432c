package dev.gitops.omni.bench;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.Requests;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.operator.RequestBudget;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One reconcile of the naive per-resource poller ({@link NaiveOperator}): observe the connection
 * with one {@code GET /connections/{id}}, then create it (no id yet) or PATCH what differs, and
 * write status. Every Omni call waits for the shared {@link RequestBudget}.
 */
final class NaiveReconciler {
  private final KubernetesClient k8s;
  private final OkHttpOmniClient omni;
  private final RequestBudget budget;
  private final Duration pollInterval;

  NaiveReconciler(
      KubernetesClient k8s, OkHttpOmniClient omni, RequestBudget budget, Duration pollInterval) {
    this.k8s = k8s;
    this.omni = omni;
    this.budget = budget;
    this.pollInterval = pollInterval;
  }

  /**
   * Reconciles {@code r} (null when gone) with its password Secret ({@code secretByName}); returns
   * when to come back, or null for never.
   */
  Duration reconcile(OmniConnection r, Function<String, Secret> secretByName) {
    if (r == null || r.getMetadata().getDeletionTimestamp() != null) {
      return null;
    }
    Secret secret = secretByName.apply(r.getSpec().passwordSecretRef.name);
    if (secret == null) {
      return Duration.ofSeconds(5);
    }
    String version = secret.getMetadata().getResourceVersion();
    SecretValue password =
        SecretValue.of(
            new String(
                Base64.getDecoder().decode(secret.getData().get(r.getSpec().passwordSecretRef.key)),
                StandardCharsets.UTF_8));
    OmniConnectionStatus status = r.getStatus();
    String id = status == null ? null : status.connectionId;
    try {
      if (id == null) {
        Duration wait = budget.tryAcquire();
        if (!wait.isZero()) {
          return wait;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dialect", r.getSpec().dialect.wire());
        body.put("name", r.omniName());
        body.put("host", r.getSpec().host);
        body.put("port", r.getSpec().port);
        body.put("database", r.getSpec().database);
        body.put("username", r.getSpec().username);
        body.put("baseRole", r.getSpec().baseRole);
        String created =
            omni.create(Requests.create(body, Map.of("passwordUnencrypted", password)));
        writeStatus(r, created, version);
        return pollInterval;
      }
      Duration wait = budget.tryAcquire();
      if (!wait.isZero()) {
        return wait;
      }
      ObservedConnection seen = omni.get(id);
      boolean role = !Objects.equals(seen.baseRole(), r.getSpec().baseRole);
      boolean rotate = !version.equals(status.credentialsVersion.get("passwordUnencrypted"));
      if (role || rotate) {
        wait = budget.tryAcquire();
        if (!wait.isZero()) {
          return wait;
        }
        omni.patch(
            id,
            Requests.patch(
                role ? r.getSpec().baseRole : null, false, null, rotate ? password : null, null));
      }
      if (role
          || rotate
          || !Objects.equals(status.observedGeneration, r.getMetadata().getGeneration())) {
        writeStatus(r, id, version);
      }
      return pollInterval;
    } catch (OmniApiException e) {
      return e.retryAfter().orElse(Duration.ofSeconds(2));
    }
  }

  private void writeStatus(OmniConnection r, String id, String secretVersion) {
    long generation = r.getMetadata().getGeneration() == null ? 0 : r.getMetadata().getGeneration();
    k8s.resources(OmniConnection.class)
        .inNamespace(Rig.NS)
        .withName(r.getMetadata().getName())
        .editStatus(
            current -> {
              OmniConnectionStatus s = new OmniConnectionStatus();
              s.connectionId = id;
              s.omniName = r.omniName();
              s.observedGeneration = generation;
              s.credentialsVersion.put("passwordUnencrypted", secretVersion);
              s.lastSyncTime = Instant.now().toString();
              List<StatusCondition> conditions = new ArrayList<>();
              StatusCondition ready = new StatusCondition();
              ready.setType("Ready");
              ready.setStatus("True");
              ready.setReason("Available");
              ready.setObservedGeneration(generation);
              ready.setLastTransitionTime(s.lastSyncTime);
              conditions.add(ready);
              s.conditions = conditions;
              current.setStatus(s);
              return current;
            });
  }
}
