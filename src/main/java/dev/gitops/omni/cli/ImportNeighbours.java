package dev.gitops.omni.cli;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.RefreshSchedule;
import dev.gitops.omni.model.EnvironmentOf;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code import} reads around the connections it imports ({@code v1} only): each one's
 * schedules (one GET per connection) and the organisation's environment links (one GET), turned
 * into schemaRefreshSchedules and environmentOf so that {@code plan} on the output finds them in
 * sync. What cannot be written faithfully is left out, with a comment in the manifest saying why:
 * left out, the operator leaves it alone.
 */
final class ImportNeighbours {
  /**
   * What one manifest gains.
   *
   * @param schedules Omni's schedules, each once; null to leave the field out
   * @param environmentOf the link to a base imported in the same run, or null
   * @param comments why something was left out, one line each
   */
  record Extras(
      List<RefreshSchedule> schedules, EnvironmentOf environmentOf, List<String> comments) {
    static final Extras NONE = new Extras(null, null, List.of());
  }

  private ImportNeighbours() {}

  /**
   * @param imported the connections the run writes
   * @param names the metadata.name each imported connection gets
   * @return the extras by connection id
   */
  static Map<String, Extras> read(
      NeighbourReads reads,
      List<ObservedConnection> imported,
      Function<ObservedConnection, String> names,
      PrintWriter err) {
    Map<String, Extras> out = new HashMap<>();
    if (imported.isEmpty()) {
      return out;
    }
    if (!reads.available()) {
      err.println("# schedules and environment links not imported: " + NeighbourReads.UNSTABLE);
      return out;
    }
    List<EnvironmentLink> links = links(reads, err);
    Map<String, ObservedConnection> byId = new HashMap<>();
    imported.forEach(c -> byId.put(c.id(), c));
    for (ObservedConnection c : imported) {
      List<String> comments = new ArrayList<>();
      List<RefreshSchedule> schedules = schedules(reads, c, comments);
      EnvironmentOf env = null;
      EnvironmentLink link =
          links.stream()
              .filter(l -> c.id().equals(l.environmentConnectionId()))
              .findFirst()
              .orElse(null);
      if (link != null) {
        ObservedConnection base = byId.get(link.baseConnectionId());
        String why =
            base == null
                ? "its base, connection "
                    + link.baseConnectionId()
                    + ", is not imported in this run (filtered out, archived or of an unknown"
                    + " dialect): import it too to manage the link"
                : link.userAttributeValues().isEmpty()
                    ? "the link to " + names.apply(base) + " has no user attribute values in Omni"
                    : blank(base.environmentAttributeName())
                        ? "its base " + names.apply(base) + " has no environment user attribute"
                        : null;
        if (why == null) {
          env = new EnvironmentOf(names.apply(base), link.userAttributeValues());
        } else {
          comments.add("An environment connection in Omni; environmentOf left out: " + why + ".");
        }
      }
      out.put(c.id(), new Extras(schedules, env, comments));
    }
    return out;
  }

  private static List<EnvironmentLink> links(NeighbourReads reads, PrintWriter err) {
    try {
      Optional<List<EnvironmentLink>> links = reads.environments();
      if (links.isEmpty()) {
        err.println(
            "# environment links not imported: this Omni has no GET connection-environments");
      }
      return links.orElse(List.of());
    } catch (OmniApiException e) {
      err.println("# environment links not imported: " + e.getMessage());
      return List.of();
    }
  }

  /** The connection's schedules, each once; null (and a comment) when none or unreadable. */
  private static List<RefreshSchedule> schedules(
      NeighbourReads reads, ObservedConnection c, List<String> comments) {
    List<RefreshSchedule> read;
    try {
      read = reads.schedules(c.id());
    } catch (OmniApiException e) {
      comments.add(
          "schemaRefreshSchedules left out (the operator leaves Omni's alone): they could not be"
              + " read: "
              + e.getMessage());
      return null;
    }
    List<RefreshSchedule> once = new ArrayList<>();
    for (RefreshSchedule s : read) {
      if (once.stream().anyMatch(o -> o.sameAs(s))) {
        comments.add(
            "Omni holds schedule '"
                + s.schedule()
                + "' "
                + s.timezone()
                + " twice: listed once, so the operator deletes the copy ("
                + s.id()
                + ").");
      } else {
        once.add(s);
      }
    }
    return once.isEmpty() ? null : once;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
