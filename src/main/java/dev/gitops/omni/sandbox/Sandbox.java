package dev.gitops.omni.sandbox;

import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.operator.OmniOperator;
import dev.gitops.omni.operator.OperatorConfig;
import dev.gitops.omni.operator.Timeouts;
import dev.gitops.omni.simulator.OmniSimulator;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything the sandbox runs in one process: an embedded Kubernetes API, the Omni simulator (or a
 * real Omni), and the real operator between them. The simulator may serve several organisations
 * ({@link SimulatorTenants}), one per instance in the files. Closing it stops all of them, in
 * reverse order.
 */
public final class Sandbox implements AutoCloseable {

  /**
   * @param omniUrl a real Omni instance, or null to start the simulator
   * @param token the API key of that real Omni (ignored for the simulator)
   * @param simulatorRateLimit the simulator's requests per minute per key (0: unlimited)
   * @param rateLimit the operator's own request budget per minute
   * @param tenants the simulator's organisations (ignored with a real Omni)
   */
  public record Settings(
      String omniUrl,
      SecretValue token,
      String apiPrefix,
      int simulatorRateLimit,
      int rateLimit,
      Duration pollInterval,
      DeletionPolicy deletionPolicy,
      SimulatorTenants tenants) {}

  private final Settings settings;
  private final String omniUrl;
  private final EmbeddedKubernetes kube;
  private final OmniSimulator simulator;
  private final OmniOperator operator;

  private Sandbox(
      Settings settings,
      String omniUrl,
      EmbeddedKubernetes kube,
      OmniSimulator simulator,
      OmniOperator op) {
    this.settings = settings;
    this.omniUrl = omniUrl;
    this.kube = kube;
    this.simulator = simulator;
    this.operator = op;
  }

  /** Starts the Kubernetes API and the simulator and wires the operator; see {@link #start()}. */
  public static Sandbox create(Settings s) {
    EmbeddedKubernetes kube = EmbeddedKubernetes.start();
    OmniSimulator sim = null;
    try {
      String url = s.omniUrl();
      SecretValue token = s.token();
      if (url == null) {
        SimulatorTenants tenants = s.tenants() == null ? SimulatorTenants.NONE : s.tenants();
        sim =
            OmniSimulator.start(
                SimulatorOptions.builder()
                    .rateLimitPerMinute(s.simulatorRateLimit())
                    .tokens(tenants.defaultTokens())
                    .organisations(tenants.organisations())
                    .build());
        url = sim.baseUrl();
        token = SecretValue.of(SimulatorOptions.DEFAULT_TOKEN);
      }
      OperatorConfig config =
          new OperatorConfig(
              URI.create(url),
              s.apiPrefix(),
              token,
              Set.of(),
              s.pollInterval(),
              s.deletionPolicy(),
              s.rateLimit(),
              4,
              Timeouts.DEFAULTS);
      OmniOperator op = OmniOperator.create(config, OmniOperator.Wiring.of(kube.client()));
      return new Sandbox(s, url, kube, sim, op);
    } catch (RuntimeException e) {
      if (sim != null) {
        sim.close();
      }
      kube.close();
      throw e;
    }
  }

  /** Starts the operator: returns once its informers are in sync. */
  public void start() {
    operator.start();
  }

  public KubernetesClient kubernetes() {
    return kube.client();
  }

  public String kubernetesUrl() {
    return kube.url();
  }

  public String omniUrl() {
    return omniUrl;
  }

  public String apiPrefix() {
    return settings.apiPrefix();
  }

  /**
   * The manifests as this sandbox applies them: with the simulator, every instance's spec.url is
   * pointed at it (its key picks the organisation); with a real Omni they are unchanged.
   */
  public List<Manifest> forOmni(List<Manifest> manifests) {
    return simulator == null ? manifests : SimulatorTenants.pointedAt(omniUrl, manifests);
  }

  /** The simulator's organisations (only the default one with a real Omni). */
  public SimulatorTenants tenants() {
    return settings.tenants() == null ? SimulatorTenants.NONE : settings.tenants();
  }

  /** The simulator, or null when the sandbox talks to a real Omni. */
  public OmniSimulator simulator() {
    return simulator;
  }

  @Override
  public void close() {
    operator.close();
    if (simulator != null) {
      simulator.close();
    }
    kube.close();
  }
}
