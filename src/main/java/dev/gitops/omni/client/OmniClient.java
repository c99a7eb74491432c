package dev.gitops.omni.client;

import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import java.util.List;

/**
 * Omni's connection API in domain terms. Every method throws {@link OmniApiException} on a failure;
 * its {@link OmniApiException#retryable()} says whether trying again can help. Implementations hold
 * no retry or rate-limit logic: decorators add those.
 */
public interface OmniClient {

  /** {@code GET {prefix}/connections}: every connection matching the filter, in one call. */
  List<ObservedConnection> list(ListFilter filter);

  /** {@code GET {prefix}/connections/{id}} ({@code v1} only). */
  ObservedConnection get(String id);

  /** {@code POST {prefix}/connections}: returns the new connection's id. Not idempotent. */
  String create(NewConnection connection);

  /** {@code PATCH {prefix}/connections/{id}}: returns Omni's message. */
  String patch(String id, ConnectionPatch patch);

  /** {@code DELETE {prefix}/connections/{id}}: archives the connection ({@code v1} only). */
  void delete(String id);

  /** Whether this API prefix offers get and delete ({@code v1} does, {@code unstable} not). */
  boolean supportsDelete();
}
