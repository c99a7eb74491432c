package dev.gitops.omni.bench;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One operator the benchmark drives: the real one in a child JVM, the real one in this JVM, or the
 * naive per-resource poller. Each can be stopped (gracefully or as a crash) and a new one started.
 */
interface OperatorUnderTest extends AutoCloseable {

  /** How the operator under test observes Omni. */
  enum Strategy {
    /** The operator as built: one shared list per poll interval. */
    SHARED_LIST,
    /**
     * One GET per resource per reconcile, as per-resource pollers do (see {@link NaiveOperator}).
     */
    NAIVE
  }

  /** Starts a new operator instance. */
  void start();

  /** Stops the running instance: {@code crash} kills it without any shutdown work. */
  void stop(boolean crash);

  /** The operating-system process id when the operator runs in its own JVM. */
  default OptionalLong pid() {
    return OptionalLong.empty();
  }

  /** Everything the operator printed or logged so far (for the secret scan). */
  String capturedOutput();

  /** What it is, for the report. */
  String describe();

  /**
   * Settings shared by every kind.
   *
   * @param watchNamespaces the namespaces the operator watches ({@code --watch-namespaces}); empty:
   *     every namespace, the chart's default
   */
  record Settings(
      String omniUrl,
      String token,
      String kubernetesUrl,
      Duration pollInterval,
      int requestsPerMinute,
      int reconcileThreads,
      String maxHeap,
      Set<String> watchNamespaces) {

    /** The operator's settings against this rig's simulator and embedded API. */
    static Settings of(
        Rig rig, Duration pollInterval, int requestsPerMinute, int threads, String maxHeap) {
      return new Settings(
          rig.sim.baseUrl(),
          rig.token,
          rig.kube.url(),
          pollInterval,
          requestsPerMinute,
          threads,
          maxHeap,
          Set.of(Rig.NS));
    }

    /** These settings with the operator watching every namespace, as the chart installs it. */
    Settings watchingAllNamespaces() {
      return new Settings(
          omniUrl,
          token,
          kubernetesUrl,
          pollInterval,
          requestsPerMinute,
          reconcileThreads,
          maxHeap,
          Set.of());
    }

    @Override
    public String toString() {
      // the token stays out of any report or log line that prints the settings
      return "Settings[omni="
          + omniUrl
          + ", kubernetes="
          + kubernetesUrl
          + ", poll="
          + pollInterval
          + ", rate="
          + requestsPerMinute
          + ", threads="
          + reconcileThreads
          + ", namespaces="
          + (watchNamespaces.isEmpty() ? "all" : String.join(",", watchNamespaces))
          + "]";
    }

    /** The Omni client every in-process kind uses: the same timeouts, so they compare fairly. */
    OkHttpOmniClient omniClient() {
      return new OkHttpOmniClient(
          new OmniClientConfig(
              omniUrl,
              "v1",
              SecretValue.of(token),
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              null));
    }
  }

  @Override
  default void close() {
    stop(false);
  }
}
