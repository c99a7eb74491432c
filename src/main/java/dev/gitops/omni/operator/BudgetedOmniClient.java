package dev.gitops.omni.operator;

import dev.gitops.omni.client.CreateRequest;
import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.client.OmniConnectionInfo;
import dev.gitops.omni.client.PatchRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decorates an {@link OmniClient} with the shared {@link RequestBudget}: every call takes one
 * request from it first, or fails at once with {@link BudgetExhaustedException} and sends nothing.
 * A 429 from Omni tells the budget to slow down.
 */
public final class BudgetedOmniClient implements OmniClient {
  private final OmniClient delegate;
  private final RequestBudget budget;
  private final OmniCallListener listener;

  /** Told about every call that was sent or held back, for metrics. */
  public interface OmniCallListener {
    void sent(String route);

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

  private <T> T call(String route, Supplier<T> op) {
    take(route);
    return send(route, op);
  }

  private <T> T send(String route, Supplier<T> op) {
    listener.sent(route);
    try {
      return op.get();
    } catch (OmniApiException e) {
      if (e.status() == 429) {
        // Omni counted more than the budget did: slow down for everyone, not only this caller
        budget.throttled(e.retryAfter().orElse(null));
      }
      throw e;
    }
  }

  private static final ThreadLocal<String> OWNER = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> AHEAD = new ThreadLocal<>();
  private static final ThreadLocal<Long> PREPAID_AT = new ThreadLocal<>();

  /** A prepaid create that waited longer than this for its POST takes its request again. */
  static final Duration PREPAY_VALID = Duration.ofMillis(500);

  /**
   * Runs {@code work} with its Omni calls charged to {@code owner} (a resource's key), so a request
   * the budget reserves for it is kept until it comes back.
   */
  public static <T> T onBehalfOf(String owner, Supplier<T> work) {
    return charged(owner, false, work);
  }

  /**
   * Like {@link #onBehalfOf}, but a held-back call is reserved ahead of the resources waiting: for
   * the poller's one list per interval, which a mass change must not push back by its whole queue.
   */
  public static <T> T aheadOfQueue(String owner, Supplier<T> work) {
    return charged(owner, true, work);
  }

  private static <T> T charged(String owner, boolean ahead, Supplier<T> work) {
    String before = OWNER.get();
    Boolean aheadBefore = AHEAD.get();
    OWNER.set(owner);
    AHEAD.set(ahead);
    try {
      return work.get();
    } finally {
      OWNER.set(before);
      AHEAD.set(aheadBefore);
    }
  }

  /** Forgets what the budget reserved for {@code owner}. */
  public void release(String owner) {
    budget.release(owner);
  }

  private void take(String route) {
    Duration wait = budget.tryAcquire(OWNER.get(), Boolean.TRUE.equals(AHEAD.get()));
    if (!wait.isZero()) {
      listener.heldBack(route, wait);
      throw new BudgetExhaustedException(wait, budget.perMinute());
    }
  }

  /**
   * Takes the request for a create ahead of time, so the create-pending mark is only set when the
   * POST can really go out; follow with {@link #createPrepaid}.
   */
  public void prepayCreate() {
    take("create");
    PREPAID_AT.set(System.nanoTime());
  }

  /**
   * The POST whose request was taken by {@link #prepayCreate()}. When writing the mark took long
   * (409 retries), the request is taken again: the budget counts a request when it is granted, and
   * a POST sent much later could otherwise crowd a minute.
   */
  public String createPrepaid(CreateRequest request) {
    Long at = PREPAID_AT.get();
    PREPAID_AT.remove();
    if (at == null || System.nanoTime() - at > PREPAY_VALID.toNanos()) {
      take("create");
    }
    return send("create", () -> delegate.create(request));
  }

  @Override
  public List<OmniConnectionInfo> list(ListFilter filter) {
    return call("list", () -> delegate.list(filter));
  }

  @Override
  public OmniConnectionInfo get(String id) {
    return call("get", () -> delegate.get(id));
  }

  @Override
  public String create(CreateRequest request) {
    return call("create", () -> delegate.create(request));
  }

  @Override
  public String patch(String id, PatchRequest request) {
    return call("patch", () -> delegate.patch(id, request));
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
