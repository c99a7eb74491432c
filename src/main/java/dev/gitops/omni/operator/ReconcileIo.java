package dev.gitops.omni.operator;

/**
 * What one reconcile talks to: Omni (its calls charged to this resource in the request budget), the
 * resource itself, and the other resources; and the connection's neighbours in Omni (null where the
 * API has none: the {@code unstable} prefix, or a client without them).
 */
record ReconcileIo(
    BudgetedOmniClient.Charged omni,
    ResourceWrites writes,
    ResourceIndex resources,
    dev.gitops.omni.client.NeighbourClient neighbours) {}
