package dev.gitops.omni.operator;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts the shared {@link RequestBudget} in front of an {@link OmniClient}: every call, charged to
 * an owner ({@link #chargedTo}), takes one request from it first, or fails at once with {@link
 * BudgetExhaustedException} and sends nothing. A 429 from Omni tells the budget to slow down.
 */
public final class BudgetedOmniClient {
  private final OmniClient delegate;
  private final RequestBudget budget;
  private final OmniCallListener listener;

  /** Told about every call that was sent, answered or held back, for metrics. */
  public interface OmniCallListener {
    void sent(String route);

    /** Omni answered the call with {@code status} (0: no answer arrived). */
    default void answered(String route, int status) {}

    /** The call was not sent: the budget frees a request in {@code wait}. */
    void heldBack(String route, Duration wait);

    OmniCallListener NONE =
        new OmniCallListener() {
          @Override
          public void sent(String route) {}

          @Override
          public void heldBack(String route, Duration wait) {}
        };
  }

  public BudgetedOmniClient(OmniClient delegate, RequestBudget budget, OmniCallListener listener) {
    this.delegate = delegate;
    this.budget = budget;
    this.listener = listener == null ? OmniCallListener.NONE : listener;
  }

  private <T> T send(String route, Supplier<T> op) {
    listener.sent(route);
    try {
      T result = op.get();
      listener.answered(route, route.equals("create") ? 201 : 200);
      return result;
    } catch (OmniApiException e) {
      listener.answered(route, e.status());
      if (e.status() == 429) {
        // Omni counted more than the budget did: slow down for everyone, not only this caller
        budget.throttled(e.retryAfter().orElse(null));
      }
      throw e;
    }
  }

  /** A prepaid create that waited longer than this for its POST takes its request again. */
  static final Duration PREPAY_VALID = Duration.ofMillis(500);

  /**
   * The calls of one owner (a resource's key, or the poller): a request the budget reserves for it
   * when it must wait is kept until it comes back. Used by one reconcile at a time.
   */
  public Charged chargedTo(String owner) {
    return new Charged(owner, false);
  }

  /**
   * Like {@link #chargedTo}, but a held-back call is reserved ahead of the resources waiting: for
   * the poller's one list per interval, which a mass change must not push back by its whole queue.
   */
  public Charged aheadOfQueue(String owner) {
    return new Charged(owner, true);
  }

  /** Forgets what the budget reserved for {@code owner}. */
  public void release(String owner) {
    budget.release(owner);
  }

  public boolean supportsDelete() {
    return delegate.supportsDelete();
  }

  /** An {@link OmniClient} whose calls are charged to one owner. */
  public final class Charged implements OmniClient {
    private final String owner;
    private final boolean ahead;
    private Long prepaidAt;

    private Charged(String owner, boolean ahead) {
      this.owner = owner;
      this.ahead = ahead;
    }

    private void take(String route) {
      Duration wait = budget.tryAcquire(owner, ahead);
      if (!wait.isZero()) {
        listener.heldBack(route, wait);
        throw new BudgetExhaustedException(wait, budget.perMinute());
      }
    }

    private <T> T call(String route, Supplier<T> op) {
      take(route);
      return send(route, op);
    }

    /**
     * Takes the request for a create ahead of time, so the create-pending mark is only written when
     * the POST can really go out; follow with {@link #createPrepaid}.
     */
    public void prepayCreate() {
      take("create");
      prepaidAt = budget.nanoTime();
    }

    /**
     * The POST whose request {@link #prepayCreate()} took. When writing the mark took long (409
     * retries), the request is taken again: the budget counts a request when it is granted, and a
     * POST sent much later could otherwise crowd a minute.
     */
    public String createPrepaid(NewConnection connection) {
      Long at = prepaidAt;
      prepaidAt = null;
      if (at == null || budget.nanoTime() - at > PREPAY_VALID.toNanos()) {
        take("create");
      }
      return send("create", () -> delegate.create(connection));
    }

    @Override
    public List<ObservedConnection> list(ListFilter filter) {
      return call("list", () -> delegate.list(filter));
    }

    @Override
    public ObservedConnection get(String id) {
      return call("get", () -> delegate.get(id));
    }

    @Override
    public String create(NewConnection connection) {
      return call("create", () -> delegate.create(connection));
    }

    @Override
    public String patch(String id, ConnectionPatch patch) {
      return call("patch", () -> delegate.patch(id, patch));
    }

    @Override
    public void delete(String id) {
      call(
          "delete",
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
}
