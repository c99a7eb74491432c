package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Instant;

/**
 * The operator's writes to an OmniConnection. Each returns the resource as written, and the
 * implementation puts it in the operator's cache at once, so the next reconcile never acts on a
 * copy older than its own write (which could create a connection twice).
 */
interface ResourceWrites {
  /**
   * One metadata write before a POST: the finalizer (when missing) and the create-pending mark, so
   * a deletion waits for the cleanup and a lost answer is looked for before creating again.
   */
  OmniConnection markCreatePending(OmniConnection r, Instant at);

  /** Removes the create-pending mark: a create Omni refused stored nothing. */
  OmniConnection clearCreatePending(OmniConnection r);

  /** Adds the finalizer before the first change to Omni that is not a create. */
  OmniConnection addFinalizer(OmniConnection r);

  OmniConnection writeStatus(OmniConnection r, OmniConnectionStatus status);

  /** Lets Kubernetes delete the resource: its cleanup in Omni is done. */
  void removeFinalizer(OmniConnection r);
}
