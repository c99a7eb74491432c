package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
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
    volatile long delayMs;
    volatile RuntimeException failure;

    @Override
    public List<ObservedConnection> list(ListFilter filter) {
      lists.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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
    omni.delayMs = 200;
    ConnectionCache cache = new ConnectionCache(Clock.systemUTC());
    Instant since = Instant.now();
    var pool = Executors.newFixedThreadPool(8);
    CountDownLatch done = new CountDownLatch(8);
    for (int i = 0; i < 8; i++) {
      pool.submit(
          () -> {
            cache.refreshIfStartedBefore(since, omni);
            done.countDown();
          });
    }
    done.await();
    pool.shutdown();
    assertThat(omni.lists.get()).isEqualTo(1);
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
