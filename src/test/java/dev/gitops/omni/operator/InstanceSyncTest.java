package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstanceSpec;
import dev.gitops.omni.model.OmniInstanceStatus;
import dev.gitops.omni.model.TokenSecretRef;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An instance's reconcile: its key, its runtime, its list and its status (no HTTP). */
class InstanceSyncTest {
  static final InstanceId TEAM = new InstanceId(InstanceRef.Kind.OmniInstance, "team-a", "omni");
  static final URI URL = URI.create("https://team-a.omni.invalid");

  final InstanceUnits u = new InstanceUnits();

  private static InstanceSettings spec(String url) {
    OmniInstanceSpec s = new OmniInstanceSpec();
    s.url = url;
    s.tokenSecretRef = new TokenSecretRef(null, "omni-key", "token");
    return s;
  }

  private InstanceSync.Result sync(InstanceSettings spec, OmniInstanceStatus previous) {
    return u.sync.sync(TEAM, spec, "team-a", 1, previous, u::readSecret);
  }

  private static String ready(InstanceSync.Result r) {
    return r.status().conditions.stream()
        .filter(c -> StatusBuilder.READY.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void noKeySecretStallsAndBuildsNoRuntime() {
    InstanceSync.Result r = sync(spec(URL.toString()), null);

    assertThat(ready(r)).isEqualTo("False/SecretNotFound");
    assertThat(r.status().conditions.get(0).getMessage())
        .contains("Secret team-a/omni-key key 'token'");
    assertThat(u.runtimes.get(TEAM)).isEmpty();
    assertThat(u.omnis).doesNotContainKey(URL);
  }

  @Test
  void aKeyBuildsTheRuntimeListsOnceAndIsReady() {
    u.secret("team-a", "omni-key", "token", "key-1");
    InstanceSync.Result first = sync(spec(URL.toString()), null);

    assertThat(ready(first)).isEqualTo("True/Available");
    assertThat(first.status().lastListTime).isEqualTo(u.clock.now.toString());
    assertThat(first.requeue()).isEqualTo(InstanceSync.RECHECK);
    assertThat(u.omni(URL).count(TestingOmniClient.Route.LIST)).isEqualTo(1);

    u.clock.now = u.clock.now.plusSeconds(60);
    InstanceSync.Result again = sync(spec(URL.toString()), first.status());
    assertThat(ready(again)).isEqualTo("True/Available");
    assertThat(u.omni(URL).count(TestingOmniClient.Route.LIST))
        .as("the list of the poll interval is still fresh: no call of its own")
        .isEqualTo(1);
  }

  @Test
  void aRotatedKeyKeepsTheRuntimeAndIsTriedAtOnce() {
    u.secret("team-a", "omni-key", "token", "key-1");
    InstanceSync.Result first = sync(spec(URL.toString()), null);
    InstanceRuntime before = u.runtimes.get(TEAM).orElseThrow();

    u.secret("team-a", "omni-key", "token", "key-2");
    sync(spec(URL.toString()), first.status());

    InstanceRuntime after = u.runtimes.get(TEAM).orElseThrow();
    assertThat(after).as("same budget, list and poller").isSameAs(before);
    assertThat(after.sends(dev.gitops.omni.connection.SecretValue.of("key-2"))).isTrue();
    assertThat(u.omni(URL).count(TestingOmniClient.Route.LIST)).isEqualTo(2);
  }

  @Test
  void anotherUrlBuildsAFreshRuntime() {
    u.secret("team-a", "omni-key", "token", "key-1");
    sync(spec(URL.toString()), null);
    InstanceRuntime before = u.runtimes.get(TEAM).orElseThrow();

    sync(spec("https://elsewhere.omni.invalid"), null);

    assertThat(u.runtimes.get(TEAM).orElseThrow()).isNotSameAs(before);
    assertThat(
            u.omni(URI.create("https://elsewhere.omni.invalid"))
                .count(TestingOmniClient.Route.LIST))
        .isEqualTo(1);
  }

  @Test
  void omnisAnswersToTheListBecomeTheInstancesReason() {
    u.secret("team-a", "omni-key", "token", "key-1");
    u.omni(URL).failNext(TestingOmniClient.Route.LIST, OmniFailure.NOT_AUTHORISED, 401);
    assertThat(ready(sync(spec(URL.toString()), null))).isEqualTo("False/Unauthorized");

    u.omni(URL).failNext(TestingOmniClient.Route.LIST, OmniFailure.NOT_AUTHORISED, 403);
    assertThat(ready(sync(spec(URL.toString()), null))).isEqualTo("False/Forbidden");

    u.omni(URL).failNext(TestingOmniClient.Route.LIST, OmniFailure.UNAVAILABLE, 503);
    InstanceSync.Result down = sync(spec(URL.toString()), null);
    assertThat(ready(down)).isEqualTo("False/Unreachable");
    assertThat(down.status().conditions)
        .anyMatch(c -> c.getType().equals("Reconciling") && c.getStatus().equals("True"));
    assertThat(down.requeue()).isLessThanOrEqualTo(InstanceSync.RECHECK);

    assertThat(ready(sync(spec(URL.toString()), null))).isEqualTo("True/Available");
  }

  @Test
  void aDeletionWaitsForTheConnectionsUsingTheInstance() {
    u.secret("team-a", "omni-key", "token", "key-1");
    sync(spec(URL.toString()), null);
    OmniConnection user = OperatorUnits.postgres("sales");
    user.getMetadata().setNamespace("team-a");
    user.getSpec().instanceRef = new InstanceRef(InstanceRef.Kind.OmniInstance, "omni");
    u.connections.add(user);

    var held = u.sync.deleting(TEAM, 1, null).orElseThrow();
    assertThat(ready(held)).isEqualTo("False/InUse");
    assertThat(held.status().usedBy).containsExactly("team-a/sales");
    assertThat(held.requeue()).isEqualTo(InstanceSync.IN_USE_RECHECK);
    assertThat(u.runtimes.get(TEAM)).as("still serving its connections").isPresent();

    u.connections.clear();
    assertThat(u.sync.deleting(TEAM, 1, held.status())).isEmpty();
    assertThat(u.runtimes.get(TEAM)).isEmpty();
  }

  @Test
  void aNewerPollIntervalShortensTheRecheck() {
    u.secret("team-a", "omni-key", "token", "key-1");
    InstanceSettings s = spec(URL.toString());
    s.pollInterval = "20s";
    assertThat(sync(s, null).requeue()).isEqualTo(Duration.ofSeconds(20));
  }
}
