package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Notes each watch event as "ACTION name", for {@link StoreScript}. */
final class WatchRecorder<T extends HasMetadata> implements Watcher<T> {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void eventReceived(Action action, T resource) {
    events.add(action + " " + resource.getMetadata().getName());
  }

  @Override
  public void onClose(WatcherException cause) {}

  /** Waits (at most 10 s, else fails) until {@code count} events arrived. */
  List<String> await(int count) {
    Awaitility.await(count + " watch events")
        .atMost(Duration.ofSeconds(10))
        .until(() -> events, e -> e.size() >= count);
    return List.copyOf(events);
  }
}
