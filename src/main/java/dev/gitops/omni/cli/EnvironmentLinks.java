package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanEnvironmentLink.CREATE;
import static dev.gitops.omni.cli.PlanEnvironmentLink.IN_SYNC;
import static dev.gitops.omni.cli.PlanEnvironmentLink.NOT_PLANNED;
import static dev.gitops.omni.cli.PlanEnvironmentLink.RELINK;
import static dev.gitops.omni.cli.PlanEnvironmentLink.UNAVAILABLE;
import static dev.gitops.omni.cli.PlanEnvironmentLink.UNKNOWN;
import static dev.gitops.omni.cli.PlanEnvironmentLink.UNREADABLE;
import static dev.gitops.omni.cli.PlanEnvironmentLink.UPDATE_VALUES;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.core.EnvironmentLinkPlan;
import java.util.List;
import java.util.Optional;

/**
 * Plans a connection's environment link against Omni's links, read once per instance and only when
 * both connections already exist in Omni: create, update values, relink (linked to another base),
 * in sync; or, when the spec dropped environmentOf and the cluster's status still names a link,
 * remove. Values are compared as a set: their order means nothing to Omni.
 */
final class EnvironmentLinks {
  private EnvironmentLinks() {}

  /** {@code row}'s link to {@code baseRow} (null: not planned) with {@code values}. */
  static PlanEnvironmentLink of(
      PlanRow row, String base, PlanRow baseRow, List<String> values, NeighbourReads reads) {
    if (!reads.available()) {
      return PlanEnvironmentLink.of(UNAVAILABLE, base, null, values, null, NeighbourReads.UNSTABLE);
    }
    if (baseRow == null || baseRow.isRefused()) {
      return PlanEnvironmentLink.of(
          NOT_PLANNED,
          base,
          null,
          values,
          null,
          "nothing is linked while the base " + base + " is invalid or blocked");
    }
    boolean baseNew = PlanNeighbours.createsConnection(baseRow);
    boolean selfNew = PlanNeighbours.createsConnection(row);
    String baseId = baseNew ? null : baseRow.connectionId();
    if (baseNew || selfNew) {
      String waits =
          baseNew && selfNew
              ? "both connections are created"
              : baseNew ? "the base is created" : "this connection is created";
      return PlanEnvironmentLink.of(
          CREATE, base, baseId, values, null, "link to " + base + " " + values + " once " + waits);
    }
    Optional<List<EnvironmentLink>> links;
    try {
      links = reads.environments();
    } catch (OmniApiException e) {
      return PlanEnvironmentLink.of(
          UNREADABLE,
          base,
          baseId,
          values,
          null,
          "Omni's links could not be read: " + e.getMessage());
    }
    if (links.isEmpty()) {
      return PlanEnvironmentLink.of(
          UNKNOWN,
          base,
          baseId,
          values,
          null,
          "this Omni has no GET connection-environments, so whether the link exists cannot be"
              + " read (the operator links it once and keeps the record's id in its status)");
    }
    EnvironmentLinkPlan plan =
        EnvironmentLinkPlan.of(row.connectionId(), baseId, values, links.get());
    EnvironmentLink same = plan.keep();
    String note = taken(links.get(), row, baseId, values);
    String to = "link to " + base + " (" + baseId + ") " + values + note;
    return switch (plan.action()) {
      case IN_SYNC ->
          PlanEnvironmentLink.of(
              IN_SYNC, base, baseId, values, same, "linked to " + base + " " + values);
      case UPDATE_VALUES ->
          PlanEnvironmentLink.of(
              UPDATE_VALUES,
              base,
              baseId,
              values,
              same,
              "values " + same.userAttributeValues() + " -> " + values + note);
      case CREATE -> PlanEnvironmentLink.of(CREATE, base, baseId, values, null, to);
      case RELINK -> {
        EnvironmentLink other = plan.removes().get(0);
        yield PlanEnvironmentLink.of(
            RELINK,
            base,
            baseId,
            values,
            other,
            "linked in Omni to connection " + other.baseConnectionId() + ": unlink it, then " + to);
      }
    };
  }

  /** A note when another environment of the same base holds one of the values in Omni. */
  private static String taken(
      List<EnvironmentLink> links, PlanRow row, String baseId, List<String> values) {
    for (EnvironmentLink l : links) {
      if (baseId.equals(l.baseConnectionId())
          && !row.connectionId().equals(l.environmentConnectionId())) {
        for (String v : values) {
          if (l.userAttributeValues().contains(v)) {
            return " (Omni refuses it while connection "
                + l.environmentConnectionId()
                + ", another environment of that base, holds the value "
                + v
                + ")";
          }
        }
      }
    }
    return "";
  }
}
