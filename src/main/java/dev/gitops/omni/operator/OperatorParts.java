package dev.gitops.omni.operator;

import java.time.Clock;

/**
 * One instance's units, built by {@link OmniOperator#create} (per instance, {@link
 * InstanceRuntimes}) and shared by every reconcile through it: the budgeted Omni client, the shared
 * list, the reconcile and cleanup, and what they report to.
 */
record OperatorParts(
    OperatorConfig config,
    BudgetedOmniClient omni,
    dev.gitops.omni.client.NeighbourClient neighbours,
    ConnectionCache cache,
    ConnectionReconcile reconcile,
    ConnectionCleanup cleanup,
    RejectionMemory rejections,
    Events events,
    OperatorMetrics metrics,
    Clock clock) {

  /** Builds the units on top of a budgeted client, the events sink and the metrics. */
  static OperatorParts build(
      OperatorConfig config,
      BudgetedOmniClient omni,
      Events events,
      OperatorMetrics metrics,
      Clock clock) {
    return build(config, omni, null, events, metrics, clock);
  }

  /**
   * As {@link #build(OperatorConfig, BudgetedOmniClient, Events, OperatorMetrics, Clock)}, with the
   * client of the connections' neighbours (null: this API has none, schedules are left alone).
   */
  static OperatorParts build(
      OperatorConfig config,
      BudgetedOmniClient omni,
      dev.gitops.omni.client.NeighbourClient neighbours,
      Events events,
      OperatorMetrics metrics,
      Clock clock) {
    // periodic checks of neighbours leave a tenth of the key's minute to creates and edits, and
    // keep at most a quarter of the reconcile threads busy on average (docs/neighbours.md, "Pace")
    int reserve = Math.max(1, config.requestsPerMinute() / 10);
    NeighbourCheckPacer pacer =
        new NeighbourCheckPacer(
            System::nanoTime,
            () -> omni.hasSpare(reserve),
            config.requestsPerMinute() - 1 - reserve,
            config.reconcileThreads() / 4.0);
    ConnectionCache cache = new ConnectionCache(clock);
    ScheduleSync schedules =
        new ScheduleSync(events, clock, pacer, id -> cache.createdFor(id).isPresent());
    EnvironmentSync environments = new EnvironmentSync(events, clock, pacer);
    PlanInputCollector inputs = new PlanInputCollector(config, cache, clock);
    RejectionMemory rejections = new RejectionMemory();
    FailurePolicy failures = new FailurePolicy(new Backoff(), rejections, events);
    ConnectionArchiver archiver = new ConnectionArchiver(cache, events, clock);
    ConnectionReconcile reconcile =
        new ConnectionReconcile(
            config,
            inputs,
            new Preconditions(inputs, rejections, events),
            new CreateProtocol(cache, archiver, events, clock),
            new ConnectionUpdater(cache, events, clock),
            archiver,
            failures,
            events,
            metrics,
            schedules,
            environments,
            clock);
    ConnectionCleanup cleanup =
        new ConnectionCleanup(inputs, archiver, failures, events, config.pollInterval());
    return new OperatorParts(
        config, omni, neighbours, cache, reconcile, cleanup, rejections, events, metrics, clock);
  }
}
