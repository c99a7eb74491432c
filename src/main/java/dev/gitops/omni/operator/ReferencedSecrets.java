package dev.gitops.omni.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Secrets informer's store, bounded by what the operator reads: a Secret some OmniConnection
 * references is kept whole; any other (Helm releases, service-account tokens, other apps') is kept
 * as its name and version only, so heap does not grow with Secrets the operator never reads.
 * Rotation stays event-driven: the informer still sees every change, and a Secret that becomes
 * referenced is kept whole from its next event, or fetched once when a reconcile needs it first
 * (docs/decisions/0006-referenced-secrets.md).
 */
final class ReferencedSecrets implements ItemStore<Secret> {
  private final Map<String, Secret> items = new ConcurrentHashMap<>();
  private final Set<String> trimmed = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Tells {@code listener} the {@code namespace/name} of every Secret the informer adds, updates or
   * removes: how an instance learns its key was rotated, without a watch of its own.
   */
  void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  private void changed(String key) {
    listeners.forEach(l -> l.accept(key));
  }

  /**
   * Until the OmniConnections are known (the first reconcile), a reference may just be unseen: a
   * Secret of a type that can hold a credential (Opaque, basic-auth) is kept whole, the rest (Helm
   * releases, service-account tokens, TLS keys...) trimmed; a trimmed one a reconcile needs is read
   * once.
   */
  private volatile Predicate<Secret> keep = ReferencedSecrets::mayHoldCredentials;

  static boolean mayHoldCredentials(Secret s) {
    String type = s.getType();
    return type == null
        || type.isEmpty()
        || type.equals("Opaque")
        || type.equals("kubernetes.io/basic-auth");
  }

  /** Starts trimming: {@code referenced} says whether a {@code namespace/name} is referenced. */
  void trimUnreferenced(Predicate<String> referenced) {
    this.keep = secret -> referenced.test(getKey(secret));
    items.forEach(
        (key, secret) -> {
          if (!trimmed.contains(key)
              && !referenced.test(key)
              && items.replace(key, secret, trim(secret))) {
            trimmed.add(key);
          }
        });
  }

  /** Whether the store holds only the name and version of this Secret, not its data. */
  boolean isTrimmed(String namespace, String name) {
    return trimmed.contains(namespace + "/" + name);
  }

  /** A whole copy fetched because a reconcile needs it; kept unless a newer version arrived. */
  void fill(Secret whole) {
    String key = getKey(whole);
    Secret now = items.get(key);
    // only over the informer's trimmed copy of the same or an older version: a Secret deleted
    // meanwhile stays deleted, and a newer event wins
    if (now != null
        && trimmed.contains(key)
        && version(whole) >= version(now)
        && items.replace(key, now, whole)) {
      trimmed.remove(key);
    }
  }

  private static long version(Secret s) {
    try {
      return Long.parseLong(s.getMetadata().getResourceVersion());
    } catch (RuntimeException notANumber) {
      return 0;
    }
  }

  private static Secret trim(Secret s) {
    var m = s.getMetadata();
    return new SecretBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withNamespace(m.getNamespace())
                .withName(m.getName())
                .withUid(m.getUid())
                .withResourceVersion(m.getResourceVersion())
                .build())
        .build();
  }

  @Override
  public String getKey(Secret secret) {
    return Cache.metaNamespaceKeyFunc(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    Secret before;
    if (keep.test(secret)) {
      // stored before it stops counting as trimmed: a reader never sees a stub as whole
      before = items.put(key, secret);
      trimmed.remove(key);
    } else {
      trimmed.add(key);
      before = items.put(key, trim(secret));
    }
    changed(key);
    return before;
  }

  @Override
  public Secret remove(String key) {
    trimmed.remove(key);
    Secret gone = items.remove(key);
    changed(key);
    return gone;
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<Secret> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Secret get(String key) {
    return items.get(key);
  }
}
