package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Notes each watch event as "ACTION name", for {@link StoreScript}. */
final class WatchRecorder<T extends HasMetadata> implements Watcher<T> {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void eventReceived(Action action, T resource) {
    events.add(action + " " + resource.getMetadata().getName());
  }

  @Override
  public void onClose(WatcherException cause) {}

  /** Waits (at most 10 s) until {@code count} events arrived. */
  List<String> await(int count) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (events.size() < count && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return events;
  }
}
