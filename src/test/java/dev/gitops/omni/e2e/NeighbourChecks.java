package dev.gitops.omni.e2e;

import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.simulator.EnvironmentSnapshot;
import dev.gitops.omni.simulator.Organisations;
import java.time.Duration;
import java.util.List;

/**
 * What the end-to-end tests read of a connection's neighbours (schema-refresh schedules and the
 * environment link): in Omni, in the resource's status, and in its Events.
 */
final class NeighbourChecks {
  private NeighbourChecks() {}

  /** Omni's schedules of a connection in the default organisation, as "cron@zone", sorted. */
  static List<String> schedules(OperatorInstall install, String connectionId) {
    return install.omni().schedules(Organisations.DEFAULT, connectionId).stream()
        .map(s -> s.schedule() + "@" + s.timezone())
        .sorted()
        .toList();
  }

  /** Omni's schedule ids of a connection, sorted. */
  static List<String> scheduleIds(OperatorInstall install, String connectionId) {
    return install.omni().schedules(Organisations.DEFAULT, connectionId).stream()
        .map(s -> s.scheduleId())
        .sorted()
        .toList();
  }

  /** Omni's environment records in the default organisation. */
  static List<EnvironmentSnapshot> links(OperatorInstall install) {
    return install.omni().environments(Organisations.DEFAULT);
  }

  /**
   * Whether the status says Omni matches every neighbour the spec declares (true when it declares
   * none), for the resource's current generation.
   */
  static boolean inSync(OmniConnection c) {
    if (c == null || c.getStatus() == null) {
      return false;
    }
    Long generation = c.getMetadata().getGeneration();
    var schedules = c.getStatus().schemaRefreshSchedules;
    var link = c.getStatus().environmentLink;
    boolean schedulesOk =
        c.getSpec().schemaRefreshSchedules == null
            || schedules != null
                && Boolean.TRUE.equals(schedules.inSync)
                && generation.equals(schedules.observedGeneration);
    boolean linkOk =
        c.getSpec().environmentOf == null
            || link != null
                && Boolean.TRUE.equals(link.inSync)
                && generation.equals(link.observedGeneration);
    return schedulesOk && linkOk;
  }

  /** Waits until every connection of the namespace has the neighbours it declares in sync. */
  static void awaitInSync(OperatorInstall install, String namespace) {
    await(namespace + ": schedules and environment links in sync")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                install.connections().inNamespace(namespace).list().getItems().stream()
                    .allMatch(NeighbourChecks::inSync));
  }

  /** The Events recorded for one resource, as "Reason: message", oldest first. */
  static List<String> events(OperatorInstall install, String namespace, String name) {
    return install.cluster().admin().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .sorted(
            java.util.Comparator.comparing(
                e -> e.getMetadata().getCreationTimestamp(),
                java.util.Comparator.nullsFirst(String::compareTo)))
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  /** {@code schemaRefreshSchedules:} with one item per "cron@zone", as a spec's lines. */
  static String schedulesYaml(String... cronAtZone) {
    StringBuilder y = new StringBuilder("schemaRefreshSchedules:\n");
    for (String s : cronAtZone) {
      String[] p = s.split("@");
      y.append("  - {schedule: \"%s\", timezone: %s}\n".formatted(p[0], p[1]));
    }
    return y.toString();
  }

  /** {@code kubectl apply -f -} of {@code yaml}, whatever it ends with. */
  static Kubectl.Result apply(OperatorInstall install, String yaml) {
    return install.cluster().kubectl().runWithInput(yaml, "apply", "-f", "-");
  }

  /** Waits until Omni's schedules of the connection are exactly {@code cronAtZone}, sorted. */
  static void awaitSchedules(OperatorInstall install, String connectionId, String... cronAtZone) {
    List<String> want = java.util.Arrays.stream(cronAtZone).sorted().toList();
    await("Omni's schedules of " + connectionId + ": " + want)
        .atMost(Duration.ofSeconds(40))
        .until(() -> schedules(install, connectionId).equals(want));
  }

  /** Waits until the resource has an Event "Reason: message". */
  static void awaitEvent(OperatorInstall install, String namespace, String name, String event) {
    await(namespace + "/" + name + ": Event " + event)
        .atMost(Duration.ofSeconds(10))
        .until(() -> events(install, namespace, name).contains(event));
  }
}
