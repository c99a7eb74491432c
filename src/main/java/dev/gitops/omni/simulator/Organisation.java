package dev.gitops.omni.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One organisation of a running simulator, for tests to set up and inspect its connections: get it
 * with {@link OmniSimulator#organisation(String)}. Inspection never hands out a secret value.
 */
public final class Organisation {
  private final String name;
  private final ConnectionStore store = new ConnectionStore();
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
      return store.create(id == null ? null : id.asText(), spec, Duration.ZERO);
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
}
