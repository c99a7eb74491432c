package dev.gitops.omni.operator;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's units wired over in-memory fakes (Omni, the resource's writes, events, the other
 * resources, Secrets, a clock): no HTTP server, no Kubernetes API. One resource is reconciled at a
 * time, as the SDK does.
 */
final class OperatorUnits {
  final ConnectionCacheTest.TestClock clock = new ConnectionCacheTest.TestClock();
  final TestingOmniClient omni;
  final RecordingEvents events = new RecordingEvents();
  final OperatorMetrics metrics = OperatorMetrics.noop();
  final Map<String, Secret> secrets = new HashMap<>();
  final List<OmniConnection> others = new ArrayList<>();
  final OperatorConfig config;
  final RequestBudget budget;
  final OperatorParts parts;
  RecordingResourceWrites writes;

  /** The resource a table row works on. */
  OmniConnection resource;

  static final OperatorConfig CONFIG =
      OperatorConfig.defaults(URI.create("http://omni.invalid"), SecretValue.of("t"))
          .withRequestsPerMinute(6000);

  OperatorUnits() {
    this(new TestingOmniClient(), CONFIG);
  }

  /** A fresh operator (a restart) in front of the same Omni. */
  OperatorUnits(TestingOmniClient omni, OperatorConfig config) {
    this.omni = omni;
    this.config = config;
    long[] nanos = {0};
    this.budget = new RequestBudget(this.config.requestsPerMinute(), () -> nanos[0]);
    this.parts =
        OperatorParts.build(
            this.config, new BudgetedOmniClient(omni, budget, null), events, metrics, clock);
  }

  OperatorUnits secret(String name, String key, String value) {
    secrets.put(
        name,
        new SecretBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(Harness.NS)
                    .withUid("uid-" + name)
                    .withResourceVersion(String.valueOf(secrets.size() + 1))
                    .build())
            .withStringData(Map.of(key, value))
            .build());
    return this;
  }

  CredentialResolver credentials() {
    return new CredentialResolver((ns, name) -> Optional.ofNullable(secrets.get(name)));
  }

  ResourceIndex index() {
    return new ResourceIndex() {
      @Override
      public List<OmniConnection> byOmniName(String omniName) {
        return others.stream().filter(o -> o.omniName().equals(omniName)).toList();
      }

      @Override
      public List<OmniConnection> byConnectionId(String connectionId) {
        return others.stream()
            .filter(o -> Indexes.connectionIds(o).contains(connectionId))
            .toList();
      }

      @Override
      public Optional<OmniConnection> byName(String namespace, String name) {
        return others.stream()
            .filter(o -> o.getMetadata().getName().equals(name))
            .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
            .findFirst();
      }

      @Override
      public List<OmniConnection> environmentsOf(String namespace, String base) {
        return others.stream()
            .filter(o -> Indexes.environmentBase(o).contains(namespace + "/" + base))
            .toList();
      }
    };
  }

  /** The I/O of one reconcile of {@code r}, with fresh write counting. */
  ReconcileIo io(OmniConnection r) {
    writes = new RecordingResourceWrites(r);
    return new ReconcileIo(
        parts.omni().chargedTo(PlanInputCollector.key(r)), writes, index(), null);
  }

  /** One reconcile of the resource as the API server holds it; returns the step. */
  Step reconcile(OmniConnection r) {
    return parts.reconcile().run(r, credentials(), io(r));
  }

  /** Reconciles until Omni's list may be refreshed again, as the poller would. */
  void pass(Duration d) {
    clock.advance(d);
  }

  static OmniConnection postgres(String name) {
    OmniConnection r = Harness.postgres(name);
    r.getMetadata().setGeneration(1L);
    r.getMetadata().setUid("uid-" + name);
    return r;
  }
}
