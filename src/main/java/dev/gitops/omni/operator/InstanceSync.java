package dev.gitops.omni.operator;

import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.core.Outcome;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.StatusBuilder;
import dev.gitops.omni.model.InstanceId;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.model.OmniInstanceStatus;
import dev.gitops.omni.model.TokenSecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One reconcile of an instance, either kind: reads its key, makes its runtime match ({@link
 * InstanceRuntimes}), checks the key with Omni's list (the poller's list, when fresh enough: no
 * extra call) and says what the status is; on deletion, whether connections still use it.
 */
final class InstanceSync {
  /** How often a Ready instance is looked at again: its key, its list time, its users. */
  static final Duration RECHECK = Duration.ofSeconds(60);

  /** How often a deleted instance still in use checks whether its users are gone. */
  static final Duration IN_USE_RECHECK = Duration.ofSeconds(5);

  /** Connections named in the status of an instance whose deletion waits for them. */
  static final int USED_BY_SHOWN = 10;

  /** The status to write and when to look again. */
  record Result(OmniInstanceStatus status, Duration requeue) {}

  private final OperatorConfig base;
  private final InstanceRuntimes runtimes;
  private final Clock clock;

  InstanceSync(OperatorConfig base, InstanceRuntimes runtimes, Clock clock) {
    this.base = base;
    this.runtimes = runtimes;
    this.clock = clock;
  }

  /**
   * @param secrets reads a Secret by namespace and name
   * @param tokenNamespace where the key's Secret is
   */
  Result sync(
      InstanceId id,
      InstanceSettings spec,
      String tokenNamespace,
      long generation,
      OmniInstanceStatus previous,
      BiFunction<String, String, Optional<Secret>> secrets) {
    // only the leader reconciles: its instances poll from now on
    runtimes.activate();
    TokenSecretRef ref = spec.tokenSecretRef;
    String where = "Secret " + tokenNamespace + "/" + ref.name + " key '" + ref.key + "'";
    Optional<Secret> secret = secrets.apply(tokenNamespace, ref.name);
    Optional<String> key = secret.flatMap(s -> CredentialResolver.read(s, ref.key));
    if (key.isEmpty() || key.get().isBlank()) {
      runtimes.remove(id);
      return result(
          id,
          generation,
          previous,
          Outcome.stalled(
              Reason.SECRET_NOT_FOUND,
              where + " holds no Omni API key: create it (an organisation key with admin rights)"),
          RECHECK);
    }
    OperatorConfig config;
    try {
      config =
          base.withOmni(URI.create(spec.url), spec.apiPrefix.name(), SecretValue.of(key.get()))
              .withRequestsPerMinute(
                  spec.requestsPerMinute == null
                      ? OperatorConfig.DEFAULT_REQUESTS_PER_MINUTE
                      : spec.requestsPerMinute)
              .withPollInterval(Durations.parseOr(spec.pollInterval, base.pollInterval()));
    } catch (IllegalArgumentException e) {
      runtimes.remove(id);
      return result(
          id,
          generation,
          previous,
          Outcome.stalled(
              Reason.INVALID_SPEC, "spec.url is not a URL like https://myorg.omniapp.co"),
          null);
    }
    var meta = secret.get().getMetadata();
    String keyVersion = ref.name + "/" + meta.getUid() + "/" + meta.getResourceVersion();
    InstanceRuntime runtime = runtimes.apply(id, config, keyVersion);
    return check(id, runtime, generation, previous);
  }

  /** Reads Omni's list with the key, unless the poller read it within the poll interval. */
  private Result check(
      InstanceId id, InstanceRuntime runtime, long generation, OmniInstanceStatus previous) {
    OperatorParts parts = runtime.parts();
    Duration interval = parts.config().pollInterval();
    Duration recheck = interval.compareTo(RECHECK) < 0 ? interval : RECHECK;
    try {
      // a new or rotated key is tried at once; otherwise the poller's list, if fresh, will do
      boolean unchecked = runtime.keyUnchecked();
      Instant since = unchecked ? clock.instant() : clock.instant().minus(interval);
      parts
          .cache()
          .refreshIfStartedBefore(since, parts.omni().aheadOfQueue(OmniPoller.BUDGET_OWNER));
      parts.omni().release(OmniPoller.BUDGET_OWNER);
      runtime.keyChecked();
    } catch (BudgetExhaustedException e) {
      return result(
          id,
          generation,
          previous,
          Outcome.retrying(Reason.CONNECTING, "waiting for the key's request budget"),
          e.retryAfter().orElse(Duration.ofSeconds(1)));
    } catch (OmniApiException e) {
      return result(id, generation, previous, failed(e), e.retryable() ? recheck : interval);
    }
    Instant listed = parts.cache().startedAt();
    int users = runtimes.userCount(id);
    Result r =
        result(
            id,
            generation,
            previous,
            Outcome.ready(
                Reason.AVAILABLE,
                "Omni's connection list answered with this key; "
                    + users
                    + (users == 1 ? " connection uses" : " connections use")
                    + " this instance"),
            recheck);
    r.status().lastListTime = listed == null ? null : listed.toString();
    return r;
  }

  private static Outcome failed(OmniApiException e) {
    if (e.kind() == OmniFailure.NOT_AUTHORISED) {
      return e.status() == 403
          ? Outcome.stalled(
              Reason.FORBIDDEN,
              "Omni refused the key (HTTP 403): it must be an organisation key with admin rights")
          : Outcome.stalled(
              Reason.UNAUTHORIZED,
              "Omni did not accept the key (HTTP 401): check the Secret's key, or whether it was"
                  + " revoked");
    }
    if (e.retryable()) {
      return Outcome.retrying(Reason.UNREACHABLE, e.getMessage() + "; retrying");
    }
    return Outcome.stalled(Reason.UNREACHABLE, e.getMessage() + "; check spec.url and apiPrefix");
  }

  /**
   * A deleted instance: held while connections use it (their names in the status), released (its
   * runtime stopped) once none does.
   *
   * @return the status to write while held, or empty when the finalizer can go
   */
  Optional<Result> deleting(InstanceId id, long generation, OmniInstanceStatus previous) {
    List<String> users = runtimes.users(id);
    if (users.isEmpty()) {
      runtimes.remove(id);
      return Optional.empty();
    }
    Result r =
        result(
            id,
            generation,
            previous,
            Outcome.stalled(
                Reason.IN_USE,
                "deletion waits for the "
                    + users.size()
                    + " OmniConnection(s) using this instance: "
                    + String.join(", ", users.subList(0, Math.min(USED_BY_SHOWN, users.size())))
                    + (users.size() > USED_BY_SHOWN ? ", ..." : "")),
            IN_USE_RECHECK);
    r.status().usedBy = new ArrayList<>(users.subList(0, Math.min(USED_BY_SHOWN, users.size())));
    return Optional.of(r);
  }

  private Result result(
      InstanceId id,
      long generation,
      OmniInstanceStatus previous,
      Outcome outcome,
      Duration requeue) {
    OmniInstanceStatus s = new OmniInstanceStatus();
    s.observedGeneration = generation;
    s.conditions =
        StatusBuilder.conditions(
            previous == null ? new ArrayList<>() : previous.conditions,
            generation,
            outcome,
            clock.instant());
    s.connections = runtimes.userCount(id);
    if (previous != null) {
      s.lastListTime = previous.lastListTime;
    }
    return new Result(s, requeue);
  }
}
