package dev.gitops.omni.operator;

import dev.gitops.omni.core.Reason;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on OmniConnections: one per action or failure, never a repeat of the last one
 * for the same resource (so a poll that changes nothing emits nothing). Messages come from plans
 * and Omni's error details, which never hold secrets.
 */
class KubernetesEvents implements Events {
  private static final Logger log = LoggerFactory.getLogger(KubernetesEvents.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, String> last = new ConcurrentHashMap<>();

  KubernetesEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void normal(OmniConnection r, Reason reason, String message) {
    emit(r, "Normal", reason.text(), message);
  }

  @Override
  public void warning(OmniConnection r, Reason reason, String message) {
    emit(r, "Warning", reason.text(), message);
  }

  private void emit(OmniConnection r, String type, String reason, String message) {
    String uid = r.getMetadata().getUid();
    String fingerprint = reason + "\n" + message;
    if (fingerprint.equals(last.put(uid == null ? r.getMetadata().getName() : uid, fingerprint))) {
      return;
    }
    log.info(
        "{}/{}: {} {}: {}",
        r.getMetadata().getNamespace(),
        r.getMetadata().getName(),
        type,
        reason,
        message);
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(r.getMetadata().getNamespace())
            .withName(
                r.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(r.getApiVersion())
                    .withKind(r.getKind())
                    .withName(r.getMetadata().getName())
                    .withNamespace(r.getMetadata().getNamespace())
                    .withUid(uid)
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent("omni-operator")
            .endSource()
            .withReportingComponent("omni-operator")
            .build();
    try {
      client.v1().events().inNamespace(r.getMetadata().getNamespace()).resource(event).create();
    } catch (RuntimeException e) {
      log.debug("could not record event {}: {}", reason, e.toString());
    }
  }

  @Override
  public void forget(OmniConnection r) {
    last.remove(
        r.getMetadata().getUid() == null ? r.getMetadata().getName() : r.getMetadata().getUid());
  }
}
