package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.SecretKeyRef;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Indexes on the informer cache of OmniConnections, so that an Omni change, a Secret change or a
 * claim check finds the few resources concerned without scanning them all.
 */
final class Indexes {
  private Indexes() {}

  /** Connection ids a resource manages (status) or pins (spec). */
  static final String BY_CONNECTION_ID = "omni-connection-id";

  /** The Omni name a resource wants. */
  static final String BY_OMNI_NAME = "omni-name";

  /** {@code namespace/secret} of each Secret a resource references. */
  static final String BY_SECRET = "secret";

  static void register(IndexerResourceCache<OmniConnection> cache) {
    cache.addIndexers(
        Map.of(
            BY_CONNECTION_ID, Indexes::connectionIds,
            BY_OMNI_NAME, r -> List.of(r.omniName()),
            BY_SECRET, Indexes::secrets));
  }

  static List<String> connectionIds(OmniConnection r) {
    List<String> ids = new ArrayList<>(2);
    if (r.getStatus() != null && r.getStatus().connectionId != null) {
      ids.add(r.getStatus().connectionId);
    }
    if (r.getSpec() != null
        && r.getSpec().connectionId != null
        && !ids.contains(r.getSpec().connectionId)) {
      ids.add(r.getSpec().connectionId);
    }
    return ids;
  }

  static List<String> secrets(OmniConnection r) {
    if (r.getSpec() == null) {
      return List.of();
    }
    String ns = r.getMetadata().getNamespace();
    return Stream.of(
            r.getSpec().passwordSecretRef,
            r.getSpec().privateKeySecretRef,
            r.getSpec().oauthClientSecretRef)
        .filter(ref -> ref != null && ref.name != null)
        .map((SecretKeyRef ref) -> ns + "/" + ref.name)
        .distinct()
        .toList();
  }

  /** The indexes as the reconcile's units see them. */
  static ResourceIndex over(IndexedResourceCache<OmniConnection> cache) {
    return new ResourceIndex() {
      @Override
      public List<OmniConnection> byOmniName(String omniName) {
        return cache.byIndex(BY_OMNI_NAME, omniName);
      }

      @Override
      public List<OmniConnection> byConnectionId(String connectionId) {
        return cache.byIndex(BY_CONNECTION_ID, connectionId);
      }
    };
  }

  static Stream<ResourceID> resources(
      IndexedResourceCache<OmniConnection> cache, String index, String key) {
    return cache.byIndex(index, key).stream().map(ResourceID::fromResource);
  }
}
