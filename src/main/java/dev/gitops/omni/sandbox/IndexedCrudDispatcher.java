package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;
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

  private static final int ALL = Integer.MAX_VALUE;

  private final KeyIndex index = new KeyIndex(map);
  private final ReadWriteLock lock = StockLock.of(this);
  private final AtomicLong lastVersion = new AtomicLong();
  private final KubernetesAttributesExtractor extractor =
      (KubernetesAttributesExtractor) attributeExtractor;

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    // the handlers call this under the stock write lock
    List<Map.Entry<AttributeSet, String>> found = index.matching(query, 1);
    if (found == null) {
      return super.findResource(query);
    }
    return found.isEmpty() ? null : found.get(0);
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
      index.sync(oldAttributes);
      index.sync(newKey);
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
    List<Map.Entry<AttributeSet, String>> found =
        locked(lock.readLock(), () -> index.matching(query, ALL));
    if (found == null || (found.isEmpty() && DISCOVERY.matcher(path).matches())) {
      return super.handleGet(path);
    }
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return first(found);
    }
    List<String> items = found.stream().map(Map.Entry::getValue).toList();
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
    List<Map.Entry<AttributeSet, String>> found =
        locked(
            lock.writeLock(),
            () -> {
              var matches = index.matching(query, ALL);
              if (matches != null) {
                matches.forEach(
                    e -> FinalizerAwareDelete.apply(this, path, query, e.getKey(), e.getValue()));
              }
              return matches;
            });
    return found == null ? super.handleDelete(path) : first(found);
  }

  /** The answer to a request for one object: the first match (as it was), or 404. */
  private static MockResponse first(List<Map.Entry<AttributeSet, String>> found) {
    return found.isEmpty()
        ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
        : new MockResponse()
            .setResponseCode(HttpURLConnection.HTTP_OK)
            .setBody(found.get(0).getValue());
  }

  @Override
  public void reset() {
    super.reset();
    locked(
        lock.writeLock(),
        () -> {
          index.clear();
          return null;
        });
  }

  private static <T> T locked(Lock lock, Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** How many stored keys the index holds (for tests). */
  int indexed() {
    return index.size();
  }
}
