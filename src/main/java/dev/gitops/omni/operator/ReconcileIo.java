package dev.gitops.omni.operator;

/**
 * What one reconcile talks to: Omni (its calls charged to this resource in the request budget), the
 * resource itself, and the other resources.
 */
record ReconcileIo(
    BudgetedOmniClient.Charged omni, ResourceWrites writes, ResourceIndex resources) {}
