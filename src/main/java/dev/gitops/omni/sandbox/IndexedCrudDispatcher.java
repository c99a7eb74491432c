package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.regex.Pattern;

/**
 * The Fabric8 CRUD dispatcher with its store indexed by plural and name (a {@link KeyIndex}).
 *
 * <p>The stock dispatcher tests every stored object against every request (GET, the existence check
 * of a POST, the lookup of a PATCH or PUT, DELETE), so filling it with N objects costs O(N^2): 20
 * 000 objects took minutes. Here those lookups test only the candidates the index returns, with the
 * mock's own matching, and everything else (handlers, patch semantics, resourceVersion, generation,
 * finalizers, watches and their events) stays the stock code. Watch start-up, collection deletes,
 * discovery and paths without a plural still scan the whole store.
 *
 * <p>The index is kept in {@link #processEvent}, the one place the handlers change the store, under
 * the stock dispatcher's write lock; the lookups here take the same lock.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  /** Paths for which the stock dispatcher may answer an empty list with API discovery. */
  private static final Pattern DISCOVERY =
      Pattern.compile("/apis(/[a-zA-Z0-9-_.]+)?(/[a-zA-Z0-9-_]+)");

  private final KeyIndex index = new KeyIndex();
  private final ReadWriteLock lock = StockLock.of(this);
  private final AtomicLong lastVersion = new AtomicLong();
  private final KubernetesAttributesExtractor extractor =
      (KubernetesAttributesExtractor) attributeExtractor;

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Collection<AttributeSet> candidates = index.candidates(query);
    if (candidates == null) {
      return super.findResource(query);
    }
    for (AttributeSet key : candidates) {
      String value = map.get(key);
      if (value != null && key.matches(query)) {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
      }
    }
    return null;
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    // the key the stock code is about to store, computed from the same inputs and the same way
    AttributeSet newKey = null;
    if (newState != null) {
      newKey = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
      if (!newKey.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        newKey = AttributeSet.merge(pathAttributes, newKey);
      }
    }
    try {
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    } finally {
      // mirror the store, whatever happened in between
      sync(oldAttributes);
      sync(newKey);
    }
  }

  private void sync(AttributeSet key) {
    if (key != null) {
      index.remove(key);
      if (map.containsKey(key)) {
        index.add(key);
      }
    }
  }

  @Override
  public long requestResourceVersion() {
    long version = super.requestResourceVersion();
    lastVersion.accumulateAndGet(version, Math::max);
    return version;
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.contains("watch=true")) {
      return super.handleGet(path);
    }
    AttributeSet query = attributeExtractor.fromPath(path);
    List<String> items;
    Lock read = lock.readLock();
    read.lock();
    try {
      items = matching(query, null);
    } finally {
      read.unlock();
    }
    if (items == null || (items.isEmpty() && DISCOVERY.matcher(path).matches())) {
      return super.handleGet(path);
    }
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return found(items);
    }
    String list =
        ((KubernetesResponseComposer) responseComposer)
            .compose(items, String.valueOf(lastVersion.get()));
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(list);
  }

  @Override
  public MockResponse handleDelete(String path) {
    AttributeSet query = attributeExtractor.fromPath(path);
    if (!query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return super.handleDelete(path); // a collection delete: rare, the stock scan will do
    }
    List<String> items;
    Lock write = lock.writeLock();
    write.lock();
    try {
      items = matching(query, key -> Deletion.apply(this, path, query, key, map.get(key)));
    } finally {
      write.unlock();
    }
    return items == null ? super.handleDelete(path) : found(items);
  }

  /** The stored values matching the query (each passed to {@code then}); null: not indexable. */
  private List<String> matching(
      AttributeSet query, java.util.function.Consumer<AttributeSet> then) {
    Collection<AttributeSet> candidates = index.candidates(query);
    if (candidates == null) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (AttributeSet key : new ArrayList<>(candidates)) {
      String value = map.get(key);
      if (value != null && key.matches(query)) {
        items.add(value);
        if (then != null) {
          then.accept(key);
        }
      }
    }
    return items;
  }

  private static MockResponse found(List<String> items) {
    return items.isEmpty()
        ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
        : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
  }

  @Override
  public void reset() {
    super.reset();
    Lock write = lock.writeLock();
    write.lock();
    try {
      index.clear();
    } finally {
      write.unlock();
    }
  }

  /** How many stored keys the index holds (for tests). */
  int indexed() {
    return index.size();
  }
}
