package dev.gitops.omni.sandbox;

import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.code;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.event;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.labels;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.names;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The operations of {@link IndexedCrudDispatcherTest}, each noting what it observed. */
final class StoreScript {
  static final String A = "ns-a";
  static final String B = "ns-b";

  private final KubernetesClient k8s;
  private final List<String> seen = new ArrayList<>();

  StoreScript(KubernetesClient k8s) {
    this.k8s = k8s;
  }

  List<String> run() {
    secret(A, "s1", "x");
    secret(A, "s2", "y");
    secret(B, "s1", "x");
    k8s.configMaps()
        .inNamespace(A)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("s1").endMetadata().build())
        .create();
    note("create again: " + code(() -> secret(A, "s1", "x")));
    var s1 = k8s.secrets().inNamespace(A).withName("s1");
    s1.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"password\":\"cGF0Y2hlZA==\"}}");
    Secret got = s1.get();
    note("get after merge patch: " + got.getData() + " " + got.getMetadata().getLabels());
    note("rv after merge patch: " + got.getMetadata().getResourceVersion());
    s1.patch(
        PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/metadata/labels/app\",\"value\":\"y\"}]");
    var inA = k8s.secrets().inNamespace(A);
    note("list ns-a app=x: " + names(inA.withLabel("app", "x").list().getItems(), false));
    note("list ns-a app=y: " + names(inA.withLabel("app", "y").list().getItems(), false));
    note("list ns-a app!=x: " + names(inA.withoutLabel("app", "x").list().getItems(), false));
    note("list ns-a has app: " + names(inA.withLabel("app").list().getItems(), false));
    note(
        "list ns-a by field: "
            + names(inA.withField("metadata.name", "s1").list().getItems(), false));
    var any = k8s.secrets().inAnyNamespace();
    note("list any app=x: " + names(any.withLabel("app", "x").list().getItems(), true));
    note("list any: " + names(any.list().getItems(), true));
    note(
        "list ns-a order: "
            + inA.list().getItems().stream().map(s -> s.getMetadata().getName()).toList());
    note("list rv: " + inA.list().getMetadata().getResourceVersion());
    note(
        "configmap s1: "
            + k8s.configMaps().inNamespace(A).withName("s1").get().getMetadata().getName());
    customResource();
    inA.withName("s2").delete();
    note("get s2 after delete: " + inA.withName("s2").get());
    note("list ns-a after delete: " + names(inA.list().getItems(), false));
    k8s.v1().events().inNamespace(A).resource(event("Core").build()).create();
    k8s.events()
        .v1()
        .events()
        .inNamespace(A)
        .resource(
            new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                .withNewMetadata()
                .withName("e1")
                .endMetadata()
                .withReason("New")
                .build())
        .create();
    note(
        "core event: "
            + k8s.v1().events().inNamespace(A).withName("e1").get().getReason()
            + ", new event: "
            + k8s.events().v1().events().inNamespace(A).withName("e1").get().getReason());
    watch();
    return seen;
  }

  private void customResource() {
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
    note(
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
    note("delete with finalizer: marked " + (got.getMetadata().getDeletionTimestamp() != null));
    r1.delete();
    note(
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
    note("after finalizer removed: " + r1.get());
  }

  private void watch() {
    List<String> events = new CopyOnWriteArrayList<>();
    var inA = k8s.secrets().inNamespace(A);
    try (var w =
        inA.withLabel("app", "y")
            .watch(
                new Watcher<Secret>() {
                  @Override
                  public void eventReceived(Action action, Secret s) {
                    events.add(action + " " + s.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      awaitSize(events, 1);
      secret(A, "s3", "y");
      inA.withName("s3")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"dg==\"}}");
      inA.withName("s3")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"z\"}}}");
      inA.withName("s1").delete();
      awaitSize(events, 5);
    }
    note("watch: " + events);
  }

  private static void awaitSize(List<String> events, int size) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (events.size() < size && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void secret(String ns, String name, String app) {
    k8s.secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels(app))
                .endMetadata()
                .addToData("password", "b3JpZ2luYWw=")
                .build())
        .create();
  }

  private void note(String observation) {
    seen.add(observation);
  }
}
