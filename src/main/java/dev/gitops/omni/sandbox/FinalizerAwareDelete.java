package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A DELETE of one stored object, as Fabric8 7.5.2's KubernetesCrudDispatcher does it (its
 * processDelete is private): without finalizers the object goes; with finalizers it only gets a
 * deletionTimestamp and a new resourceVersion, once.
 */
final class FinalizerAwareDelete {
  private FinalizerAwareDelete() {}

  static void apply(
      KubernetesCrudDispatcher store,
      String path,
      AttributeSet pathAttributes,
      AttributeSet key,
      String json) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(json, GenericKubernetesResource.class);
    if (resource.getFinalizers().isEmpty()) {
      store.processEvent(path, pathAttributes, key, null, null);
    } else if (!resource.isMarkedForDeletion()) {
      resource
          .getMetadata()
          .setDeletionTimestamp(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .truncatedTo(ChronoUnit.SECONDS)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      resource.getMetadata().setResourceVersion(String.valueOf(store.requestResourceVersion()));
      store.processEvent(path, pathAttributes, key, resource, Serialization.asJson(resource));
    }
  }
}
