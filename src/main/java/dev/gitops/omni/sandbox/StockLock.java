package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.lang.reflect.Field;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The read-write lock of Fabric8's {@link KubernetesCrudDispatcher} (a private field in 7.5.x).
 * {@link IndexedCrudDispatcher} must take that very lock: the stock handlers change the store under
 * its write lock, and a watch's start-up scan reads the store under its read lock.
 */
final class StockLock {
  private StockLock() {}

  static ReadWriteLock of(KubernetesCrudDispatcher dispatcher) {
    try {
      Field f = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      f.setAccessible(true);
      return (ReadWriteLock) f.get(dispatcher);
    } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
      throw new IllegalStateException(
          "this Fabric8 mock has no ReadWriteLock field 'lock' in KubernetesCrudDispatcher: "
              + "check IndexedCrudDispatcher against its source before upgrading",
          e);
    }
  }
}
