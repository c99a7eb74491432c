package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One organisation of a running simulator, for tests to set up and inspect its connections, their
 * schema-refresh schedules and its connection-environment records: get it with {@link
 * OmniSimulator#organisation(String)}. Inspection never hands out a secret value. The seeding and
 * drift methods act directly on the store: no rate limit, no counters, no journal.
 */
public final class Organisation {
  private final String name;
  private final ConnectionStore store = new ConnectionStore();
  private final ScheduleBook schedules = new ScheduleBook(store);
  private final EnvironmentBook environments = new EnvironmentBook(store);
  private final CreateValidator validator;
  private final RequestJournal journal;

  Organisation(String name, CreateValidator validator, RequestJournal journal) {
    this.name = name;
    this.validator = validator;
    this.journal = journal;
  }

  public String name() {
    return name;
  }

  ConnectionStore store() {
    return store;
  }

  ScheduleBook scheduleBook() {
    return schedules;
  }

  EnvironmentBook environmentBook() {
    return environments;
  }

  /** Every stored connection, archived ones included, in creation order. No secret values. */
  public List<ConnectionSnapshot> connections() {
    return store.snapshots();
  }

  public Optional<ConnectionSnapshot> connection(String id) {
    return store.snapshot(id);
  }

  /** The journal's requests made with this organisation's tokens, oldest first. */
  public List<JournalEntry> journal() {
    return journal.entries().stream().filter(e -> name.equals(e.organisation())).toList();
  }

  /**
   * Whether the connection's stored secret {@code field} ({@code passwordUnencrypted}, {@code
   * privateKey}, {@code oauthClientSecretUnencrypted}) equals {@code candidate}. Lets a test check
   * a rotation without the simulator ever handing out a secret.
   */
  public boolean secretMatches(String id, String field, String candidate) {
    return store.secretMatches(id, field, candidate);
  }

  /**
   * Pre-creates a connection, as if it had been made earlier in Omni's UI, and returns its id. The
   * body is a create body validated like a POST; it may also carry {@code id} (a fixed id, for
   * adoption tests) and {@code environmentUserAttribute}. Seeds are visible at once, and their
   * attribute values are not checked for uniqueness. Throws {@link IllegalArgumentException} with
   * Omni's detail when the body is invalid.
   */
  public String seed(Map<String, ?> createBody) {
    ObjectNode body = JsonBodies.MAPPER.valueToTree(createBody);
    try {
      ValidatedCreate spec = validator.validate(body);
      EnvironmentChange env = EnvironmentChange.parse(body);
      if (env.sent() && env.name() != null) {
        spec = spec.withAttribute(env.name(), env.values());
      }
      JsonNode id = body.get("id");
      return store.create(id == null ? null : id.asText(), spec, Duration.ZERO, Duration.ZERO);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.detail());
    }
  }

  /** Archives a connection directly (as the UI would): 404 and 410 rules do not apply here. */
  public void archive(String id) {
    try {
      store.archive(id, false);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.detail() + ": " + id);
    }
  }

  // ---- schema-refresh schedules and connection environments ----

  /** The schedules of one connection, oldest first, whatever the connection's state. */
  public List<ScheduleSnapshot> schedules(String connectionId) {
    return schedules.snapshots(connectionId);
  }

  /** Every schedule of the organisation, oldest first. */
  public List<ScheduleSnapshot> schedules() {
    return schedules.snapshots(null);
  }

  /**
   * Adds a schedule to a stored connection, as if made in Omni's UI, and returns its id: at once
   * (no not-ready period), even on an archived connection. The cron and time zone are checked like
   * a POST's; throws {@link IllegalArgumentException} with Omni's detail when invalid.
   */
  public String seedSchedule(String connectionId, String schedule, String timezone) {
    return schedules.seed(connectionId, scheduleBody(schedule, timezone));
  }

  /** Changes a schedule as an edit in Omni's UI would (drift); false when there is none. */
  public boolean changeSchedule(String scheduleId, String schedule, String timezone) {
    return schedules.change(scheduleId, scheduleBody(schedule, timezone));
  }

  /** Deletes a schedule as Omni's UI would (drift); false when there is none. */
  public boolean removeSchedule(String scheduleId) {
    return schedules.remove(scheduleId);
  }

  /** Every connection-environment record, oldest first. */
  public List<EnvironmentSnapshot> environments() {
    return environments.snapshots();
  }

  /**
   * Links {@code environmentId} to {@code baseId} with these values and returns the record's id,
   * without the API's rules (dialect, uniqueness, liveness), so a test can plant any state. Both
   * connections must be stored in this organisation.
   */
  public String seedEnvironment(String baseId, String environmentId, List<String> values) {
    return environments.seed(baseId, environmentId, values);
  }

  /** Replaces a record's values without the uniqueness rule (drift); false when there is none. */
  public boolean changeEnvironment(String recordId, List<String> values) {
    return environments.change(recordId, values);
  }

  /** Deletes a record as Omni's UI would (drift); false when there is none. */
  public boolean removeEnvironment(String recordId) {
    return environments.remove(recordId);
  }

  private static ScheduleBody scheduleBody(String schedule, String timezone) {
    ObjectNode body = JsonBodies.MAPPER.createObjectNode();
    body.put(EventBridgeCronRule.FIELD, schedule);
    body.put(ScheduleBody.TIMEZONE, timezone);
    try {
      return ScheduleBody.of(body);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.detail());
    }
  }
}
