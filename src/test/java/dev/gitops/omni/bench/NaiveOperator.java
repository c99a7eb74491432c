package dev.gitops.omni.bench;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.operator.RequestBudget;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the call pattern of a per-resource poller (a Crossplane / Terraform-provider style
 * controller), reproduced in the harness rather than added to the operator, so the product keeps
 * one code path. Each resource is its own loop: every reconcile — on an edit, a Secret change, or
 * its own poll timer — observes its connection with one {@code GET /connections/{id}}, then creates
 * (when it has no id yet) or PATCHes what differs, and writes status. It shares the operator's
 * {@link RequestBudget}, thread count, client and poll interval, so the only difference measured is
 * the observation strategy. It has none of the operator's crash safety: it is for the no-fault
 * benchmark only.
 */
final class NaiveOperator implements OperatorUnderTest {
  private final Settings settings;
  private final KubernetesClient k8s;
  private final OkHttpOmniClient omni;
  private final NaiveReconciler reconciler;
  private final Map<String, ScheduledFuture<?>> next = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService pool;
  private SharedIndexInformer<OmniConnection> resources;
  private SharedIndexInformer<Secret> secrets;

  NaiveOperator(Settings settings, KubernetesClient k8s) {
    this.settings = settings;
    this.k8s = k8s;
    this.omni = settings.omniClient();
    this.reconciler =
        new NaiveReconciler(
            k8s, omni, new RequestBudget(settings.requestsPerMinute()), settings.pollInterval());
  }

  @Override
  public synchronized void start() {
    pool = Executors.newScheduledThreadPool(settings.reconcileThreads());
    secrets = k8s.secrets().inNamespace(Rig.NS).inform();
    resources = k8s.resources(OmniConnection.class).inNamespace(Rig.NS).inform();
    secrets.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Secret s) {}

          @Override
          public void onUpdate(Secret before, Secret s) {
            String n = s.getMetadata().getName();
            if (n.endsWith("-pw")) {
              schedule(n.substring(0, n.length() - 3), Duration.ZERO);
            }
          }

          @Override
          public void onDelete(Secret s, boolean unknown) {}
        });
    resources.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(OmniConnection r) {
            schedule(r.getMetadata().getName(), Duration.ZERO);
          }

          @Override
          public void onUpdate(OmniConnection before, OmniConnection r) {
            if (!Objects.equals(
                before.getMetadata().getGeneration(), r.getMetadata().getGeneration())) {
              schedule(r.getMetadata().getName(), Duration.ZERO);
            }
          }

          @Override
          public void onDelete(OmniConnection r, boolean unknown) {
            ScheduledFuture<?> f = next.remove(r.getMetadata().getName());
            if (f != null) {
              f.cancel(false);
            }
          }
        });
  }

  private void schedule(String name, Duration delay) {
    ScheduledExecutorService p = pool;
    if (p == null || p.isShutdown()) {
      return;
    }
    ScheduledFuture<?> f = p.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> before = next.put(name, f);
    if (before != null && before != f) {
      before.cancel(false);
    }
  }

  private void run(String name) {
    if (!running.add(name)) {
      dirty.add(name);
      return;
    }
    Duration again;
    try {
      again = reconcile(name);
    } catch (RuntimeException e) {
      again = Duration.ofSeconds(2);
    } finally {
      running.remove(name);
    }
    if (dirty.remove(name)) {
      again = Duration.ZERO;
    }
    if (again != null) {
      schedule(name, again);
    }
  }

  /** One reconcile; returns when to come back, or null for never. */
  private Duration reconcile(String name) {
    OmniConnection r = resources.getStore().getByKey(Rig.NS + "/" + name);
    return reconciler.reconcile(r, secret -> secrets.getStore().getByKey(Rig.NS + "/" + secret));
  }

  @Override
  public synchronized void stop(boolean crash) {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
    if (resources != null) {
      resources.close();
      secrets.close();
      resources = null;
    }
  }

  @Override
  public void close() {
    stop(false);
    omni.close();
  }

  @Override
  public String capturedOutput() {
    return "";
  }

  @Override
  public String describe() {
    return "naive per-resource poller (harness)";
  }
}
