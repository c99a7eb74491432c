package dev.gitops.omni.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator answers: a status and a JSON body, or {@link #DROP} (close the TCP connection
 * without any response).
 */
record Reply(int status, Object body) {
  static final Reply DROP = new Reply(JournalEntry.DROPPED, null);

  static Reply error(int status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("detail", detail);
    body.put("status", status);
    return new Reply(status, body);
  }

  /** {@code {"success": true, key: value}}, or just {@code {"success": true}} for a null key. */
  static Reply success(int status, String key, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    if (key != null) {
      body.put(key, value);
    }
    return new Reply(status, body);
  }

  boolean dropped() {
    return this == DROP;
  }
}
