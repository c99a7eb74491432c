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
 * BudgetExhaustedException} and sends nothing. Every answer goes back to the budget with the time
 * its request was granted: a 429 makes it slow down and pause, an answer on the merits shows Omni's
 * window had room (see {@link RequestBudget}).
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

  /** Sends the request the budget granted at {@code grantedAt} and tells the budget the answer. */
  private <T> T send(String route, long grantedAt, Supplier<T> op) {
    listener.sent(route);
    try {
      T result = op.get();
      listener.answered(route, route.equals("create") ? 201 : 200);
      budget.passed(grantedAt);
      return result;
    } catch (OmniApiException e) {
      listener.answered(route, e.status());
      if (e.status() == 429) {
        // Omni counted more than the budget did: slow down for everyone, not only this caller
        budget.throttled(e.retryAfter().orElse(null), grantedAt);
      } else if (answeredOnItsMerits(e.status())) {
        budget.passed(grantedAt);
      } else {
        budget.answered(grantedAt);
      }
      throw e;
    } catch (RuntimeException e) {
      budget.answered(grantedAt);
      throw e;
    }
  }

  /**
   * Whether Omni answered past its rate limit, on the request itself (400, 404, 409, 410...): its
   * window had room for it. Not a 401 or 403 (the key is checked first), nor a 5xx or no answer.
   */
  private static boolean answeredOnItsMerits(int status) {
    return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429;
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

  /** Whether work that can wait may spend a request now ({@link RequestBudget#hasSpare}). */
  public boolean hasSpare(int reserve) {
    return budget.hasSpare(reserve);
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

    /** Takes one request from the budget and returns when it was granted, or throws. */
    private long take(String route) {
      BudgetGrant grant = budget.acquire(owner, ahead);
      if (!grant.granted()) {
        listener.heldBack(route, grant.delay());
        throw new BudgetExhaustedException(grant.delay(), budget.perMinute());
      }
      return grant.at();
    }

    /** One call of {@code route}, charged to this owner (the neighbours' calls come here too). */
    <T> T call(String route, Supplier<T> op) {
      return send(route, take(route), op);
    }

    /**
     * Takes the request for a create ahead of time, so the create-pending mark is only written when
     * the POST can really go out; follow with {@link #createPrepaid}.
     */
    public void prepayCreate() {
      prepaidAt = take("create");
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
        if (at != null) {
          budget.answered(at); // the prepaid request was never sent
        }
        at = take("create");
      }
      return send("create", at, () -> delegate.create(connection));
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
