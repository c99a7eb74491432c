package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The OmniConnection part of {@link StoreScript}: status subresource, generation, and a delete held
 * by a finalizer until the finalizer goes.
 */
final class CustomResourceSteps {
  private static final String A = StoreScript.A;

  private CustomResourceSteps() {}

  static void run(KubernetesClient k8s, Consumer<String> note) {
    var crs = k8s.genericKubernetesResources("omni.gitops.dev/v1alpha1", "OmniConnection");
    crs.inNamespace(A)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("omni.gitops.dev/v1alpha1")
                .withKind("OmniConnection")
                .withNewMetadata()
                .withName("r1")
                .withNamespace(A)
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("host", "db", "port", 5432))
                .build())
        .create();
    var r1 = crs.inNamespace(A).withName("r1");
    r1.subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"seen\"}}");
    r1.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"port\":5433}}");
    GenericKubernetesResource got = r1.get();
    note.accept(
        "get r1: generation "
            + got.getMetadata().getGeneration()
            + ", status "
            + Serialization.asJson(got.getAdditionalProperties().get("status")));
    r1.edit(
        r ->
            new GenericKubernetesResourceBuilder(r)
                .editMetadata()
                .addToFinalizers("test/f")
                .endMetadata()
                .build());
    r1.delete();
    got = r1.get();
    note.accept(
        "delete with finalizer: marked " + (got.getMetadata().getDeletionTimestamp() != null));
    r1.delete();
    note.accept(
        "second delete keeps rv: "
            + got.getMetadata()
                .getResourceVersion()
                .equals(r1.get().getMetadata().getResourceVersion()));
    r1.edit(
        r ->
            new GenericKubernetesResourceBuilder(r)
                .editMetadata()
                .withFinalizers()
                .endMetadata()
                .build());
    note.accept("after finalizer removed: " + r1.get());
  }
}
