package dev.gitops.omni.bench;

import dev.gitops.omni.e2e.OperatorInstall;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each OmniConnection of the bench namespace became Ready (Ready=True for its generation),
 * from an informer of the client given (the admin's, so its list and watch are not the operator's).
 */
final class ReadyTracker implements AutoCloseable {
  private final Map<String, Instant> readySince = new ConcurrentHashMap<>();
  private final SharedIndexInformer<OmniConnection> informer;

  ReadyTracker(KubernetesClient client) {
    informer = client.resources(OmniConnection.class).inNamespace(Rig.NS).inform();
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(OmniConnection r) {
            track(r);
          }

          @Override
          public void onUpdate(OmniConnection before, OmniConnection r) {
            track(r);
          }

          @Override
          public void onDelete(OmniConnection r, boolean unknownFinalState) {
            readySince.remove(r.getMetadata().getName());
          }
        });
  }

  private void track(OmniConnection r) {
    if (OperatorInstall.ready(r)) {
      readySince.putIfAbsent(r.getMetadata().getName(), Instant.now());
    } else {
      readySince.remove(r.getMetadata().getName());
    }
  }

  /** How many resources the informer holds. */
  int listed() {
    return informer.getStore().list().size();
  }

  int count() {
    return readySince.size();
  }

  /** The last moment a resource became Ready, of those Ready now. */
  Instant last() {
    return readySince.values().stream().max(Instant::compareTo).orElse(null);
  }

  @Override
  public void close() {
    informer.close();
  }
}
