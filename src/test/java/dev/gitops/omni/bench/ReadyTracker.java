package dev.gitops.omni.bench;

import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When each OmniConnection of the bench namespace became Ready ({@code ready} holds), from an
 * informer of the client given (the harness's, so its list and watch are not the operator's); the
 * informer's copies too. Used by the mock rig and the real-apiserver bench alike.
 */
final class ReadyTracker implements AutoCloseable {
  private final Map<String, Instant> readySince = new ConcurrentHashMap<>();
  private final SharedIndexInformer<OmniConnection> informer;
  private final Predicate<OmniConnection> ready;

  ReadyTracker(KubernetesClient client, Predicate<OmniConnection> ready) {
    this.ready = ready;
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
    if (ready.test(r)) {
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

  List<OmniConnection> cached() {
    return informer.getStore().list();
  }

  OmniConnection cached(String name) {
    return informer.getStore().getByKey(Rig.NS + "/" + name);
  }

  @Override
  public void close() {
    informer.close();
  }
}
