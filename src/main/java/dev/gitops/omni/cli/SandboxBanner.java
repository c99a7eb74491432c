package dev.gitops.omni.cli;

import dev.gitops.omni.sandbox.Sandbox;
import dev.gitops.omni.sandbox.SimulatorTenants;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's first progress lines: which Omni it talks to and, with the simulator serving
 * several organisations, which organisation each instance's key opens. Never a key from the files
 * (only the simulator's own {@code sim-token}).
 */
final class SandboxBanner {
  private SandboxBanner() {}

  static List<String> lines(Sandbox sandbox) {
    List<String> lines = new ArrayList<>(List.of(omni(sandbox)));
    lines.addAll(organisations(sandbox));
    return lines;
  }

  private static String omni(Sandbox sandbox) {
    var sim = sandbox.simulator();
    if (sim == null) {
      return "Omni: " + sandbox.omniUrl() + " (real Omni, API " + sandbox.apiPrefix() + ")";
    }
    int limit = sim.options().rateLimitPerMinute();
    return "Omni simulator: "
        + sim.baseUrl()
        + " (API "
        + sandbox.apiPrefix()
        + ", "
        + (limit == 0 ? "no rate limit" : limit + " requests/minute")
        + ", token "
        + SimulatorOptions.DEFAULT_TOKEN
        + ")";
  }

  /** Which simulator organisation each instance's key opens (the keys themselves never shown). */
  private static List<String> organisations(Sandbox sandbox) {
    if (sandbox.simulator() == null) {
      return List.of();
    }
    SimulatorTenants tenants = sandbox.tenants();
    List<String> lines = new ArrayList<>();
    if (tenants.organisations().isEmpty() && tenants.byInstance().isEmpty()) {
      return lines;
    }
    lines.add("simulator organisations: " + String.join(", ", tenants.names()));
    tenants
        .byInstance()
        .forEach(
            (instance, org) ->
                lines.add(
                    instance + ": URL set to the simulator, its key opens organisation " + org));
    return lines;
  }
}
