package dev.gitops.omni.simulator;

/**
 * What the journal learns while a request is served: the connection id (from the path, a create's
 * new id, or an environment record's base connection), the schedule or environment record id, and
 * the token's organisation.
 */
final class SeenRequest {
  String connectionId;
  String itemId;
  String organisation;

  SeenRequest(RequestTarget target) {
    this.connectionId = target.connectionId();
    this.itemId = target.itemId();
  }
}
