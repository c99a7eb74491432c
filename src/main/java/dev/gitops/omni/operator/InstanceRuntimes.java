package dev.gitops.omni.operator;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.OmniConnection;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instance's runtime, by instance: the one from the operator's command line (serving
 * connections without instanceRef while no ClusterOmniInstance {@code default} exists) and one per
 * OmniInstance and ClusterOmniInstance the instance reconcilers made ready. Polling starts on the
 * leader only, with its first reconcile.
 */
final class InstanceRuntimes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstanceRuntimes.class);

  /** Builds the units of one instance from its settings. */
  interface Builder {
    InstanceRuntime build(InstanceId id, OperatorConfig config, OkHttpOmniClient client);
  }

  private final InstanceRuntime commandLine;
  private final Builder builder;
  private final Function<OperatorConfig, OkHttpOmniClient> clients;
  private final TriggerEvents<OmniConnection> events;
  private final Map<InstanceId, InstanceRuntime> runtimes = new ConcurrentHashMap<>();
  private volatile IndexedResourceCache<OmniConnection> resources;
  private volatile Function<String, List<OmniConnection>> declaring = key -> List.of();
  private volatile boolean active;

  InstanceRuntimes(
      InstanceRuntime commandLine,
      Builder builder,
      Function<OperatorConfig, OkHttpOmniClient> clients,
      TriggerEvents<OmniConnection> events) {
    this.commandLine = commandLine;
    this.builder = builder;
    this.clients = clients;
    this.events = events;
  }

  InstanceRuntime commandLine() {
    return commandLine;
  }

  TriggerEvents<OmniConnection> events() {
    return events;
  }

  Optional<InstanceRuntime> get(InstanceId id) {
    return Optional.ofNullable(runtimes.get(id));
  }

  /** The command line's runtime and every instance's. */
  List<InstanceRuntime> everyRuntime() {
    var all = new java.util.ArrayList<InstanceRuntime>(runtimes.values());
    all.add(commandLine);
    return all;
  }

  /** The connections (namespace/name, sorted) that declare {@code id}. */
  List<String> users(InstanceId id) {
    return declaring.apply(id.key()).stream().map(PlanInputCollector::key).sorted().toList();
  }

  /** How many connections declare {@code id}. */
  int userCount(InstanceId id) {
    return declaring.apply(id.key()).size();
  }

  /** Where the connections declaring an instance (by {@link InstanceId#key()}) are found. */
  void findUsersWith(Function<String, List<OmniConnection>> lookup) {
    this.declaring = lookup;
  }

  /** The OmniConnections' cache is ready: pollers can find the resources of their lists. */
  synchronized void bind(IndexedResourceCache<OmniConnection> cache) {
    this.resources = cache;
    findUsersWith(key -> cache.byIndex(Indexes.BY_INSTANCE, key));
    commandLine.startPolling(cache, events, active);
    // the command line serves the default's resources only while no ClusterOmniInstance default
    // has a runtime; and no instance lists Omni for nobody (one request per interval each)
    commandLine
        .poller()
        .listOnlyWhile(
            () -> !runtimes.containsKey(InstanceId.DEFAULT) && hasUsers(InstanceId.DEFAULT));
    runtimes.values().forEach(this::startPolling);
  }

  private void startPolling(InstanceRuntime r) {
    r.startPolling(resources, events, active);
    r.poller().listOnlyWhile(() -> hasUsers(r.id()));
  }

  private boolean hasUsers(InstanceId id) {
    return !declaring.apply(id.key()).isEmpty();
  }

  /** This replica leads: every instance polls from now on. */
  void activate() {
    if (!active) {
      synchronized (this) {
        active = true;
        commandLine.activate();
        runtimes.values().forEach(InstanceRuntime::activate);
      }
    }
  }

  /**
   * Makes {@code id}'s runtime match {@code config}: built when new, rebuilt when its URL, prefix,
   * rate or poll interval changed, only given the new key when that is all that changed.
   *
   * @param keyVersion the version of the Secret the key comes from (what terminal failures are
   *     remembered with: a new one tries them again)
   * @return the runtime, and whether it was (re)built
   */
  synchronized InstanceRuntime apply(InstanceId id, OperatorConfig config, String keyVersion) {
    InstanceRuntime now = runtimes.get(id);
    if (now != null && now.settings().equals(InstanceRuntime.Settings.of(config))) {
      now.parts().rejections().keyIs(keyVersion);
      if (!now.sends(config.token())) {
        now.useToken(config.token());
        log.info("{}: using its rotated API key", id);
        // what Omni refused with the old key (401, 403) is tried again with the new one
        declaring.apply(id.key()).forEach(r -> events.trigger(ResourceID.fromResource(r)));
      }
      return now;
    }
    InstanceRuntime next = builder.build(id, config, clients.apply(config));
    next.parts().rejections().keyIs(keyVersion);
    runtimes.put(id, next);
    if (resources != null) {
      startPolling(next);
    }
    if (now != null) {
      log.info("{}: settings changed, its client, budget and list start afresh", id);
      now.close();
    }
    return next;
  }

  /** Stops and forgets {@code id}'s runtime (its instance was deleted or lost its key). */
  synchronized void remove(InstanceId id) {
    InstanceRuntime gone = runtimes.remove(id);
    if (gone != null) {
      gone.close();
    }
  }

  @Override
  public synchronized void close() {
    runtimes.values().forEach(InstanceRuntime::close);
    runtimes.clear();
    commandLine.close();
  }
}
