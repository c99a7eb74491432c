package dev.gitops.omni.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The indexed store answers every request exactly as Fabric8's own dispatcher does: one script of
 * creates, patches, status patches, finalizer deletes, selector lists and watches runs against
 * both, and every observation must be equal. A stale or wrong index entry shows up as a difference
 * (a GET after a patch, a list after a label change, a 404 after a delete, a missing watch event).
 */
class IndexedCrudDispatcherTest {

  @Test
  void answersExactlyLikeTheStockDispatcher() {
    List<String> stock;
    try (var kube = EmbeddedKubernetes.start(new KubernetesCrudDispatcher())) {
      stock = new StoreScript(kube.client()).run();
    }
    var dispatcher = new IndexedCrudDispatcher();
    try (var kube = EmbeddedKubernetes.start(dispatcher)) {
      List<String> indexed = new StoreScript(kube.client()).run();
      assertThat(indexed).containsExactlyElementsOf(stock);
      // the index holds exactly the stored keys, no stale ones
      assertThat(dispatcher.indexed()).isEqualTo(dispatcher.getMap().size());
    }
    // and the script saw what a Kubernetes API shows (so both are not wrong the same way)
    assertThat(stock)
        .contains(
            "create again: 409",
            "get after merge patch: {password=cGF0Y2hlZA==} {app=x}",
            "list ns-a app=x: []",
            "list ns-a app=y: [s1, s2]",
            "list any app=x: [ns-b/s1]",
            "get r1: generation 2, status {\"phase\":\"seen\"}",
            "delete with finalizer: marked true",
            "after finalizer removed: null",
            "get s2 after delete: null",
            "core event: Core, new event: New");
    assertThat(String.join("\n", stock))
        .contains("watch: [ADDED s1, ADDED s3, MODIFIED s3, DELETED s3, DELETED s1]");
  }

  @Test
  void findsEachOfManyObjectsByNameAfterChanges() {
    var dispatcher = new IndexedCrudDispatcher();
    try (var kube = EmbeddedKubernetes.start(dispatcher)) {
      KubernetesClient k8s = kube.client();
      for (int i = 0; i < 300; i++) {
        k8s.configMaps()
            .inNamespace(i % 2 == 0 ? "even" : "odd")
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("cm-" + i)
                    .addToLabels("group", "g" + (i % 3))
                    .endMetadata()
                    .addToData("v", "0")
                    .build())
            .create();
      }
      for (int i = 0; i < 300; i += 7) {
        k8s.configMaps()
            .inNamespace(i % 2 == 0 ? "even" : "odd")
            .withName("cm-" + i)
            .edit(c -> new ConfigMapBuilder(c).addToData("v", "1").build());
      }
      for (int i = 0; i < 300; i++) {
        var cm = k8s.configMaps().inNamespace(i % 2 == 0 ? "even" : "odd").withName("cm-" + i);
        assertThat(cm.get().getData()).containsEntry("v", i % 7 == 0 ? "1" : "0");
        assertThat(
                k8s.configMaps().inNamespace(i % 2 == 0 ? "odd" : "even").withName("cm-" + i).get())
            .isNull();
      }
      assertThat(k8s.configMaps().inAnyNamespace().withLabel("group", "g1").list().getItems())
          .hasSize(100)
          .allMatch(c -> c.getMetadata().getLabels().get("group").equals("g1"));
      assertThat(dispatcher.indexed()).isEqualTo(dispatcher.getMap().size());
    }
  }

  @Test
  void refusesToCreateTwiceAndDeletesOnce() {
    try (var kube = EmbeddedKubernetes.start()) {
      var secrets = kube.client().secrets().inNamespace("x");
      var s = new SecretBuilder().withNewMetadata().withName("one").endMetadata().build();
      secrets.resource(s).create();
      assertThat(code(() -> secrets.resource(s).create())).isEqualTo(409);
      assertThat(secrets.withName("one").delete()).hasSize(1);
      assertThat(secrets.withName("one").delete()).isEmpty();
      assertThat(secrets.withName("one").get()).isNull();
      secrets.resource(s).create();
      assertThat(secrets.withName("one").get()).isNotNull();
    }
  }

  static int code(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  static String names(List<? extends HasMetadata> items, boolean withNamespace) {
    return items.stream()
        .map(
            h ->
                (withNamespace ? h.getMetadata().getNamespace() + "/" : "")
                    + h.getMetadata().getName())
        .sorted()
        .toList()
        .toString();
  }

  static EventBuilder event(String reason) {
    return new EventBuilder().withNewMetadata().withName("e1").endMetadata().withReason(reason);
  }

  static Map<String, String> labels(String app) {
    return Map.of("app", app);
  }
}
