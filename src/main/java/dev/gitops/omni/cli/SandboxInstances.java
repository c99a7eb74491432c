package dev.gitops.omni.cli;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceStatus;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.sandbox.StatusRow;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instances in the sandbox's Kubernetes API, as its progress and table show them: which
 * instance a connection uses, and a line whenever an instance becomes Ready or stalls.
 */
final class SandboxInstances {
  /** What a connection without instanceRef uses while no ClusterOmniInstance default exists. */
  static final String COMMAND_LINE = "(command line)";

  private final KubernetesClient client;
  private final Map<String, String> announced = new HashMap<>();
  private List<HasMetadata> seen = List.of();

  SandboxInstances(KubernetesClient client) {
    this.client = client;
  }

  /** Reads the instances again; returns the progress lines for those whose state changed. */
  List<String> refresh() {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.resources(ClusterOmniInstance.class).list().getItems());
    all.addAll(client.resources(OmniInstance.class).inAnyNamespace().list().getItems());
    seen = all;
    List<String> lines = new ArrayList<>();
    for (HasMetadata i : all) {
      String id = id(i);
      StatusCondition ready = ready(i);
      // the message counts the instance's connections: a new count is no news
      String state = ready == null ? "" : ready.getStatus() + " " + ready.getReason();
      if (state.isEmpty() || state.equals(announced.put(id, state))) {
        continue;
      }
      lines.add(
          ("True".equals(ready.getStatus()) ? "Instance Ready: " : "Instance not ready: ")
              + id
              + ": "
              + ready.getReason()
              + ": "
              + ready.getMessage());
    }
    return lines;
  }

  /** Whether the table shows an INSTANCE column: some instance exists or is named. */
  boolean shown(List<StatusRow> rows) {
    return !seen.isEmpty() || rows.stream().anyMatch(r -> !r.instance().isEmpty());
  }

  /** The instance a row's connection uses, as the operator resolves a missing instanceRef. */
  String of(StatusRow row) {
    if (!row.instance().isEmpty()) {
      return row.instance();
    }
    boolean defaultExists =
        seen.stream()
            .anyMatch(
                i ->
                    i instanceof ClusterOmniInstance
                        && "default".equals(i.getMetadata().getName()));
    return defaultExists ? "ClusterOmniInstance/default" : COMMAND_LINE;
  }

  private static String id(HasMetadata i) {
    return (i instanceof OmniInstance o ? InstanceId.of(o) : InstanceId.of((ClusterOmniInstance) i))
        .toString();
  }

  private static StatusCondition ready(HasMetadata i) {
    OmniInstanceStatus s =
        i instanceof OmniInstance o ? o.getStatus() : ((ClusterOmniInstance) i).getStatus();
    if (s == null || s.conditions == null) {
      return null;
    }
    return s.conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }
}
