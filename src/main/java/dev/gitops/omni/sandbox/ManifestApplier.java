package dev.gitops.omni.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies manifests to a Kubernetes API like {@code kubectl apply}, and remembers what it applied:
 * a later {@link #sync} creates what is new, updates only what changed and deletes what is gone. An
 * update of one of the operator's kinds (OmniConnection, OmniInstance, ClusterOmniInstance)
 * replaces its spec, labels and annotations but keeps what the operator owns (status, finalizers,
 * its own annotations). Instances are applied before the connections that use them and deleted
 * after them. Secrets are stored with {@code stringData} folded into {@code data}, as the API
 * server does.
 */
public final class ManifestApplier {
  private static final List<String> ORDER =
      List.of("Namespace", "Secret", "ClusterOmniInstance", "OmniInstance", "OmniConnection");

  private final KubernetesClient client;
  private final Map<String, Applied> applied = new LinkedHashMap<>();

  private record Applied(Manifest manifest, String content) {}

  /** One thing done: {@code created}, {@code updated} or {@code deleted}, and the resource key. */
  public record Change(String verb, String key) {
    @Override
    public String toString() {
      return verb + " " + key;
    }
  }

  public ManifestApplier(KubernetesClient client) {
    this.client = client;
  }

  /** Makes the API hold exactly {@code desired} (among what this applier manages). */
  public List<Change> sync(List<Manifest> desired) {
    List<Change> changes = new ArrayList<>();
    Map<String, Manifest> byKey = new HashMap<>();
    desired.forEach(m -> byKey.put(m.key(), m));
    List<Manifest> ordered = new ArrayList<>(desired);
    ordered.sort(Comparator.comparingInt(m -> ORDER.indexOf(m.kind())));
    for (Manifest m : ordered) {
      String content = content(m.resource());
      Applied before = applied.get(m.key());
      if (before != null && before.content().equals(content)) {
        continue;
      }
      apply(m, before == null ? null : before.manifest());
      applied.put(m.key(), new Applied(m, content));
      changes.add(new Change(before == null ? "created" : "updated", m.key()));
    }
    List<Applied> gone =
        applied.values().stream().filter(a -> !byKey.containsKey(a.manifest().key())).toList();
    for (Applied a : reversed(gone)) {
      client.resource(a.manifest().resource()).delete();
      applied.remove(a.manifest().key());
      changes.add(new Change("deleted", a.manifest().key()));
    }
    return changes;
  }

  private static List<Applied> reversed(List<Applied> gone) {
    List<Applied> l = new ArrayList<>(gone);
    l.sort(Comparator.comparingInt((Applied a) -> ORDER.indexOf(a.manifest().kind())).reversed());
    return l;
  }

  private void apply(Manifest m, Manifest previous) {
    HasMetadata r = m.resource();
    HasMetadata before = previous == null ? null : previous.resource();
    if (r instanceof OmniConnection c) {
      applyCustom(
          client.resources(OmniConnection.class).inNamespace(m.namespace()).withName(m.name()),
          c,
          before);
    } else if (r instanceof OmniInstance i) {
      applyCustom(
          client.resources(OmniInstance.class).inNamespace(m.namespace()).withName(m.name()),
          i,
          before);
    } else if (r instanceof ClusterOmniInstance c) {
      applyCustom(client.resources(ClusterOmniInstance.class).withName(m.name()), c, before);
    } else if (r instanceof Secret s) {
      client.secrets().inNamespace(m.namespace()).resource(folded(s)).createOr(op -> op.update());
    } else if (r instanceof Namespace n) {
      client.namespaces().resource(n).createOr(op -> op.update());
    }
  }

  private <S, T extends CustomResource<S, ?>> void applyCustom(
      Resource<T> existing, T desired, HasMetadata previous) {
    if (existing.get() == null) {
      client.resource(StrictYaml.copy(desired)).create();
      return;
    }
    existing.edit(
        current -> {
          current.setSpec(StrictYaml.copy(desired).getSpec());
          ObjectMeta meta = current.getMetadata();
          meta.setLabels(desired.getMetadata().getLabels());
          Map<String, String> annotations =
              new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
          if (previous != null && previous.getMetadata().getAnnotations() != null) {
            previous.getMetadata().getAnnotations().keySet().forEach(annotations::remove);
          }
          if (desired.getMetadata().getAnnotations() != null) {
            annotations.putAll(desired.getMetadata().getAnnotations());
          }
          meta.setAnnotations(annotations);
          return current;
        });
  }

  /** The Secret as the API server stores it: stringData merged into base64 data. */
  static Secret folded(Secret s) {
    Secret copy = StrictYaml.copy(s);
    if (copy.getStringData() != null && !copy.getStringData().isEmpty()) {
      Map<String, String> data =
          new LinkedHashMap<>(copy.getData() == null ? Map.of() : copy.getData());
      copy.getStringData()
          .forEach(
              (k, v) ->
                  data.put(
                      k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
      copy.setData(data);
      copy.setStringData(null);
    }
    return copy;
  }

  private static String content(HasMetadata r) {
    try {
      return StrictYaml.MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + r.getKind(), e);
    }
  }
}
