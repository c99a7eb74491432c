package dev.gitops.omni.operator;

import dev.gitops.omni.model.InstanceId;
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
 * Indexes on the informer cache of OmniConnections, so that an Omni change, a Secret change, an
 * instance change or a claim check finds the few resources concerned without scanning them all.
 * Connection ids and Omni names are keyed within the instance a resource declares: conflict and
 * adoption rules apply within one instance (docs/tenancy.md).
 */
final class Indexes {
  private Indexes() {}

  /** The instance a resource declares ({@link InstanceId#key()}). */
  static final String BY_INSTANCE = "omni-instance";

  /** Connection ids a resource manages (status) or pins (spec), within its instance. */
  static final String BY_CONNECTION_ID = "omni-connection-id";

  /** The Omni name a resource wants, within its instance. */
  static final String BY_OMNI_NAME = "omni-name";

  /** {@code namespace/base} of the base a resource is an environment of (spec.environmentOf). */
  static final String BY_ENVIRONMENT_BASE = "environment-base";

  /** {@code namespace/secret} of each Secret a resource references. */
  static final String BY_SECRET = "secret";

  static void register(IndexerResourceCache<OmniConnection> cache) {
    cache.addIndexers(
        Map.of(
            BY_CONNECTION_ID, r -> connectionIds(r).stream().map(id -> within(r, id)).toList(),
            BY_OMNI_NAME, r -> List.of(within(r, r.omniName())),
            BY_INSTANCE, r -> List.of(InstanceId.of(r).key()),
            BY_ENVIRONMENT_BASE, Indexes::environmentBase,
            BY_SECRET, Indexes::secrets));
  }

  static List<String> environmentBase(OmniConnection r) {
    var env = r.getSpec() == null ? null : r.getSpec().environmentOf;
    return env == null || env.name == null
        ? List.of()
        : List.of(r.getMetadata().getNamespace() + "/" + env.name);
  }

  /** {@code key} within the instance {@code r} declares. */
  private static String within(OmniConnection r, String key) {
    return within(InstanceId.of(r), key);
  }

  static String within(InstanceId instance, String key) {
    return instance.key() + "|" + key;
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

  /** The indexes as the reconcile's units see them: within {@code instance}. */
  static ResourceIndex over(IndexedResourceCache<OmniConnection> cache, InstanceId instance) {
    return new ResourceIndex() {
      @Override
      public List<OmniConnection> byOmniName(String omniName) {
        return cache.byIndex(BY_OMNI_NAME, within(instance, omniName));
      }

      @Override
      public List<OmniConnection> byConnectionId(String connectionId) {
        return cache.byIndex(BY_CONNECTION_ID, within(instance, connectionId));
      }

      @Override
      public java.util.Optional<OmniConnection> byName(String namespace, String name) {
        return cache.get(new ResourceID(name, namespace));
      }

      @Override
      public List<OmniConnection> environmentsOf(String namespace, String base) {
        return cache.byIndex(BY_ENVIRONMENT_BASE, namespace + "/" + base);
      }
    };
  }

  static Stream<ResourceID> resources(
      IndexedResourceCache<OmniConnection> cache, String index, String key) {
    return cache.byIndex(index, key).stream().map(ResourceID::fromResource);
  }
}
