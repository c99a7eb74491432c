package dev.gitops.omni.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;

/**
 * Writes the request bodies of the calls around a connection, in the documented form: lists go out
 * as one comma-separated string (the published machine spec says arrays; the guide and the examples
 * say strings, and that is what live instances were seen to take).
 */
final class NeighbourBodies {

  private NeighbourBodies() {}

  /** {@code {"schedule": "<6-field cron>", "timezone": "<IANA name>"}}, for POST and PUT. */
  static byte[] schedule(RefreshSchedule schedule) {
    if (schedule == null || isBlank(schedule.schedule()) || isBlank(schedule.timezone())) {
      throw new IllegalArgumentException("an Omni schedule needs a cron and a time zone");
    }
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    body.put("schedule", schedule.schedule().strip());
    body.put("timezone", schedule.timezone().strip());
    return OmniRequestBodies.write(body);
  }

  /** {@code {"baseConnectionId": "<id>", "environmentConnectionIds": "<id1>,<id2>"}}. */
  static byte[] link(String baseConnectionId, List<String> environmentIds) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    body.put("baseConnectionId", OmniExchange.segment(baseConnectionId, "base connection"));
    body.put("environmentConnectionIds", commaList(environmentIds, "environment connection id"));
    return OmniRequestBodies.write(body);
  }

  /** {@code {"userAttributeValues": "dev,staging"}}. */
  static byte[] values(List<String> values) {
    ObjectNode body = OmniJson.MAPPER.createObjectNode();
    body.put("userAttributeValues", commaList(values, "user attribute value"));
    return OmniRequestBodies.write(body);
  }

  /**
   * The items joined by commas. An empty list, a blank item or one holding a comma has no faithful
   * comma-separated form, so it is refused before anything is sent.
   */
  static String commaList(List<String> items, String what) {
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException("at least one " + what + " is required");
    }
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      if (isBlank(item) || item.contains(",")) {
        throw new IllegalArgumentException(
            "an Omni " + what + " must be non-blank and without a comma, got \"" + item + "\"");
      }
      out.append(out.isEmpty() ? "" : ",").append(item.strip());
    }
    return out.toString();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
