package dev.gitops.omni.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection-environment record: {@code connectionId} stands in for {@code baseConnectionId}
 * for users whose environment attribute has one of {@code values}. Mutable, and only touched while
 * holding the organisation's {@link ConnectionStore} lock.
 */
final class StoredEnvironment {
  final String id;
  final String baseConnectionId;
  final String connectionId;
  List<String> values = new ArrayList<>();

  StoredEnvironment(String id, String baseConnectionId, String connectionId) {
    this.id = id;
    this.baseConnectionId = baseConnectionId;
    this.connectionId = connectionId;
  }

  /** {@code {"id", "baseConnectionId", "connectionId", "userAttributeValues": [...]}}. */
  Map<String, Object> view() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("baseConnectionId", baseConnectionId);
    v.put("connectionId", connectionId);
    v.put(EnvironmentBody.VALUES, new ArrayList<>(values));
    return v;
  }

  /** What a POST answers per record: {@code {"id", "environmentConnectionId"}}. */
  Map<String, Object> created() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("environmentConnectionId", connectionId);
    return v;
  }

  EnvironmentSnapshot snapshot() {
    return new EnvironmentSnapshot(id, baseConnectionId, connectionId, values);
  }

  boolean involves(String connectionId) {
    return baseConnectionId.equals(connectionId) || this.connectionId.equals(connectionId);
  }
}
