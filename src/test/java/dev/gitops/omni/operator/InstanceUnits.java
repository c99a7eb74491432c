package dev.gitops.omni.operator;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance units over in-memory fakes: one {@link TestingOmniClient} per Omni URL, Secrets in a
 * map, the connections that declare instances in a list. No HTTP (the OkHttp clients a runtime owns
 * are built but never called), no Kubernetes.
 */
final class InstanceUnits {
  final ConnectionCacheTest.TestClock clock = new ConnectionCacheTest.TestClock();
  final Map<URI, TestingOmniClient> omnis = new HashMap<>();
  final Map<String, Secret> secrets = new HashMap<>();
  final List<OmniConnection> connections = new ArrayList<>();
  final RecordingEvents events = new RecordingEvents();
  final InstanceRuntimes runtimes;
  final InstanceSync sync;

  InstanceUnits() {
    InstanceRuntime commandLine =
        new InstanceRuntime(
            InstanceId.DEFAULT,
            OperatorParts.build(
                OperatorUnits.CONFIG,
                new BudgetedOmniClient(omni(OperatorUnits.CONFIG.omniUrl()), budget(), null),
                events,
                OperatorMetrics.noop(),
                clock),
            null);
    runtimes =
        new InstanceRuntimes(
            commandLine,
            (id, c, client) ->
                new InstanceRuntime(
                    id,
                    OperatorParts.build(
                        c,
                        new BudgetedOmniClient(omni(c.omniUrl()), budget(), null),
                        events,
                        OperatorMetrics.noop(),
                        clock),
                    client),
            c -> new OkHttpOmniClient(OmniClientConfig.of(c.omniUrl().toString(), c.token())),
            new TriggerEvents<>("test"));
    runtimes.findUsersWith(
        key -> connections.stream().filter(r -> InstanceId.of(r).key().equals(key)).toList());
    sync = new InstanceSync(OperatorUnits.CONFIG, runtimes, clock);
  }

  private static RequestBudget budget() {
    return new RequestBudget(6000, () -> 0L);
  }

  TestingOmniClient omni(URI url) {
    return omnis.computeIfAbsent(url, u -> new TestingOmniClient());
  }

  InstanceUnits secret(String ns, String name, String key, String value) {
    secrets.put(
        ns + "/" + name,
        new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build())
            .withStringData(Map.of(key, value))
            .build());
    return this;
  }

  Optional<Secret> readSecret(String ns, String name) {
    return Optional.ofNullable(secrets.get(ns + "/" + name));
  }
}
