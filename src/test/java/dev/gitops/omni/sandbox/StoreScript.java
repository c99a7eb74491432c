package dev.gitops.omni.sandbox;

import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.code;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.event;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.labels;
import static dev.gitops.omni.sandbox.IndexedCrudDispatcherTest.names;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;

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
    CustomResourceSteps.run(k8s, this::note);
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

  private void watch() {
    var inA = k8s.secrets().inNamespace(A);
    var recorder = new WatchRecorder<Secret>();
    try (var w = inA.withLabel("app", "y").watch(recorder)) {
      recorder.await(1);
      secret(A, "s3", "y");
      var s3 = inA.withName("s3");
      s3.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"dg==\"}}");
      s3.patch(
          PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"z\"}}}");
      inA.withName("s1").delete();
      note("watch: " + recorder.await(5));
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
