package dev.gitops.omni.operator;

import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an OmniConnection reconciles on besides its own changes: its Secrets (a bounded store,
 * {@link ReferencedSecrets}), its instance appearing, changing or becoming ready, and Omni's lists
 * (the pollers, through one {@link TriggerEvents}).
 */
final class ConnectionEventSources {
  /** Secrets per page of the informer's list. */
  static final long SECRET_LIST_PAGE = 500;

  final InformerEventSource<Secret, OmniConnection> secrets;
  final InformerEventSource<OmniInstance, OmniConnection> instances;
  final InformerEventSource<ClusterOmniInstance, OmniConnection> clusterInstances;

  /**
   * @param withInstances whether the instance kinds are installed ({@link InstanceKinds}); without
   *     them the instance sources are null
   */
  ConnectionEventSources(
      EventSourceContext<OmniConnection> ctx, ReferencedSecrets store, boolean withInstances) {
    IndexedResourceCache<OmniConnection> cache = ctx.getPrimaryCache();
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, OmniConnection.class)
                .withName("secrets")
                .withNamespacesInheritedFromController()
                // only the Secrets OmniConnections reference are held whole, and the first list
                // comes in pages, each trimmed as it is stored
                .withItemStore(store)
                .withInformerListLimit(SECRET_LIST_PAGE)
                .withSecondaryToPrimaryMapper(s -> users(cache, Indexes.BY_SECRET, namespaced(s)))
                .build(),
            ctx);
    if (!withInstances) {
      instances = null;
      clusterInstances = null;
      return;
    }
    instances =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(OmniInstance.class, OmniConnection.class)
                .withName("omni-instances")
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter(ConnectionEventSources::mattersToUsers)
                .withSecondaryToPrimaryMapper(
                    i -> users(cache, Indexes.BY_INSTANCE, InstanceId.of(i).key()))
                .build(),
            ctx);
    clusterInstances =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ClusterOmniInstance.class, OmniConnection.class)
                .withName("cluster-omni-instances")
                // cluster-scoped: not the controller's namespaces (with --watch-namespaces set the
                // informer was registered under them, and a lookup without a namespace found none)
                .withWatchAllNamespaces()
                .withOnUpdateFilter(ConnectionEventSources::mattersToUsers)
                .withSecondaryToPrimaryMapper(
                    i -> users(cache, Indexes.BY_INSTANCE, InstanceId.of(i).key()))
                .build(),
            ctx);
  }

  /** The sources to register. */
  List<EventSource<?, OmniConnection>> all() {
    return instances == null ? List.of(secrets) : List.of(secrets, instances, clusterInstances);
  }

  private static String namespaced(HasMetadata s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }

  private static Set<ResourceID> users(
      IndexedResourceCache<OmniConnection> cache, String index, String key) {
    return Indexes.resources(cache, index, key).collect(Collectors.toSet());
  }

  /**
   * An instance's spec or readiness changed: its connections look again. Its list time, written
   * every interval, does not wake thousands of them.
   */
  static boolean mattersToUsers(
      CustomResource<?, OmniInstanceStatus> now, CustomResource<?, OmniInstanceStatus> before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !Objects.equals(ready(now), ready(before));
  }

  /** The instances as the informers hold them (none without the instance CRDs). */
  InstanceAccess.Instances instances(NamespaceLabels labels) {
    return new InstanceAccess.Instances() {
      @Override
      public java.util.Optional<OmniInstance> namespaced(String namespace, String name) {
        return instances == null
            ? java.util.Optional.empty()
            : instances.get(new ResourceID(name, namespace));
      }

      @Override
      public java.util.Optional<ClusterOmniInstance> cluster(String name) {
        return clusterInstances == null
            ? java.util.Optional.empty()
            : clusterInstances.get(new ResourceID(name));
      }

      @Override
      public java.util.Map<String, String> namespaceLabels(String namespace) {
        return labels.of(namespace);
      }
    };
  }

  private static String ready(CustomResource<?, OmniInstanceStatus> r) {
    return r.getStatus() == null
        ? null
        : StatusBuilder.previousStatus(r.getStatus().conditions, StatusBuilder.READY).orElse(null);
  }
}
