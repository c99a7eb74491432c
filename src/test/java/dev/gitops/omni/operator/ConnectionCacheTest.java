package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OmniClient;
import dev.gitops.omni.connection.ConnectionPatch;
import dev.gitops.omni.connection.NewConnection;
import dev.gitops.omni.connection.ObservedConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionCacheTest {
  static ObservedConnection info(String id, String name) {
    return new ObservedConnection(
        id, name, "postgres", null, null, "VIEWER", null, List.of(), null);
  }

  /** An Omni whose list answer the test controls, counting calls. */
  static class ListOnly implements OmniClient {
    volatile List<ObservedConnection> answer = List.of();
    final AtomicInteger lists = new AtomicInteger();

    /** When set, a list call is slow: it answers only once the test opens the gate. */
    volatile CountDownLatch gate;

    volatile RuntimeException failure;

    @Override
    public List<ObservedConnection> list(ListFilter filter) {
      lists.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return answer;
    }

    @Override
    public ObservedConnection get(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String create(NewConnection request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String patch(String id, ConnectionPatch request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean supportsDelete() {
      return true;
    }
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void concurrentCallersShareOneListCall() throws Exception {
    ListOnly omni = new ListOnly();
    omni.gate = new CountDownLatch(1);
    ConnectionCache cache = new ConnectionCache(Clock.systemUTC());
    Instant since = Instant.now();
    List<Thread> callers = new CopyOnWriteArrayList<>();
    var pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "caller-" + callers.size());
              callers.add(t);
              return t;
            });
    CountDownLatch done = new CountDownLatch(8);
    try {
      for (int i = 0; i < 8; i++) {
        pool.submit(
            () -> {
              cache.refreshIfStartedBefore(since, omni);
              done.countDown();
            });
      }
      // all eight are inside refreshIfStartedBefore at once, while the first list is on the wire
      await("eight callers waiting on one slow list")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  omni.lists.get() >= 1
                      && done.getCount() == 8
                      && callers.size() == 8
                      && callers.stream().allMatch(ConnectionCacheTest::parked));
      omni.gate.countDown();
      assertThat(done.await(10, TimeUnit.SECONDS)).as("every caller returned").isTrue();
    } finally {
      omni.gate.countDown();
      pool.shutdownNow();
    }
    assertThat(omni.lists.get()).isEqualTo(1);
  }

  /** Waiting on the cache's lock or on the gate, not running and not finished. */
  static boolean parked(Thread t) {
    return t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.WAITING;
  }

  @Test
  void aListThatStartedBeforeOurCreateCannotHideIt() {
    ListOnly omni = new ListOnly();
    TestClock clock = new TestClock();
    ConnectionCache cache = new ConnectionCache(clock);
    cache.refreshIfStartedBefore(clock.instant(), omni);
    clock.advance(Duration.ofSeconds(1));
    cache.noteCreated(info("new", "sales"));
    assertThat(cache.view()).extracting(ObservedConnection::id).containsExactly("new");

    // a list that was on the wire before the create answers without it
    clock.advance(Duration.ofSeconds(1));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    assertThat(cache.view())
        .as("still within the grace period")
        .extracting(ObservedConnection::id)
        .containsExactly("new");

    // once a later list shows it, Omni's own answer takes over
    omni.answer = List.of(info("new", "sales"));
    clock.advance(Duration.ofSeconds(1));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    assertThat(cache.view()).containsExactly(info("new", "sales"));

    // and a connection that stays missing past the grace period is gone
    omni.answer = List.of();
    clock.advance(ConnectionCache.CREATE_GRACE.plusSeconds(1));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    assertThat(cache.view()).isEmpty();
  }

  @Test
  void lookupReturnsOnlyTheIdsAndExactNameAskedFor() {
    ListOnly omni = new ListOnly();
    TestClock clock = new TestClock();
    ConnectionCache cache = new ConnectionCache(clock);
    omni.answer =
        List.of(info("a", "alpha"), info("b", "beta"), info("c", "alpha"), info("d", "Alpha"));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    clock.advance(Duration.ofSeconds(1));
    cache.noteCreated(info("e", "alpha"));
    assertThat(cache.lookup(java.util.Set.of("b"), "alpha"))
        .extracting(ObservedConnection::id)
        .containsExactlyInAnyOrder("b", "a", "c", "e");
    assertThat(cache.lookup(java.util.Set.of("zz"), "none")).isEmpty();
    assertThat(cache.find("e")).isPresent();
    assertThat(cache.view()).hasSize(5);
  }

  @Test
  void listenersHearOnlyWhatChanged() {
    ListOnly omni = new ListOnly();
    TestClock clock = new TestClock();
    ConnectionCache cache = new ConnectionCache(clock);
    List<ConnectionCache.ListChanges> heard = new ArrayList<>();
    cache.addListener(heard::add);
    omni.answer = List.of(info("a", "alpha"), info("b", "beta"));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    clock.advance(Duration.ofSeconds(1));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    omni.answer =
        List.of(
            info("a", "alpha"),
            new ObservedConnection(
                "b", "beta", "postgres", null, null, "MODELER", null, List.of(), null));
    clock.advance(Duration.ofSeconds(1));
    cache.refreshIfStartedBefore(clock.instant(), omni);
    assertThat(heard).hasSize(2);
    assertThat(heard.get(1).ids()).containsExactly("b");
  }
}
