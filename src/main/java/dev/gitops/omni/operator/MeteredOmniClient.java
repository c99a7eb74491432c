package dev.gitops.omni.operator;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import java.util.List;
import java.util.function.Supplier;

/** Counts every Omni call by route and answer. */
final class MeteredOmniClient implements OmniClient {
  private final OmniClient delegate;
  private final OperatorMetrics metrics;

  MeteredOmniClient(OmniClient delegate, OperatorMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  private <T> T call(String route, int okStatus, Supplier<T> op) {
    try {
      T result = op.get();
      metrics.omniCall(route, okStatus);
      return result;
    } catch (OmniApiException e) {
      metrics.omniCall(route, e.status());
      throw e;
    }
  }

  @Override
  public List<ObservedConnection> list(ListFilter filter) {
    return call("list", 200, () -> delegate.list(filter));
  }

  @Override
  public ObservedConnection get(String id) {
    return call("get", 200, () -> delegate.get(id));
  }

  @Override
  public String create(NewConnection request) {
    return call("create", 201, () -> delegate.create(request));
  }

  @Override
  public String patch(String id, ConnectionPatch request) {
    return call("patch", 200, () -> delegate.patch(id, request));
  }

  @Override
  public void delete(String id) {
    call(
        "delete",
        200,
        () -> {
          delegate.delete(id);
          return null;
        });
  }

  @Override
  public boolean supportsDelete() {
    return delegate.supportsDelete();
  }
}
