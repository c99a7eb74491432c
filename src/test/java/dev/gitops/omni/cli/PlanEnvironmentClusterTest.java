package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.model.EnvironmentLinkStatus;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.sandbox.EmbeddedKubernetes;
import dev.gitops.omni.sandbox.ManifestReader;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} with a cluster: a link the operator made (status.environmentLink) for a resource
 * whose spec no longer has environmentOf is removed, unless Omni shows it already gone.
 */
class PlanEnvironmentClusterTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();

  @Test
  void aDroppedEnvironmentOfRemovesTheLinkTheOperatorMade() throws Exception {
    Map<String, Object> settings = Map.of("database", "analytics", "baseRole", "VIEWER");
    String base = omni.seed("postgres", "base", settings);
    String dev = omni.seed("postgres", "dev", settings);
    String record =
        omni.sim.organisation(Organisations.DEFAULT).seedEnvironment(base, dev, List.of("dev"));
    Path f = omni.write("dev.yaml", pg("dev", ""));
    try (var kube = EmbeddedKubernetes.start()) {
      var manifest = ManifestReader.read(List.of(f)).ofKind("OmniConnection").get(0);
      var managed = kube.client().resource((OmniConnection) manifest.resource()).create();
      managed.setStatus(new OmniConnectionStatus());
      managed.getStatus().connectionId = dev;
      managed.getStatus().appliedSettings.put("name", "dev");
      managed.getStatus().appliedSettings.put("dialect", "postgres");
      managed.getStatus().appliedSettings.put("database", "analytics");
      managed.getStatus().appliedSettings.put("baseRole", "VIEWER");
      managed.getStatus().credentialsVersion.put("passwordUnencrypted", "pg/uid-1/41");
      managed.getStatus().environmentLink = new EnvironmentLinkStatus();
      managed.getStatus().environmentLink.id = record;
      managed.getStatus().environmentLink.baseConnectionId = base;
      kube.client().resource(managed).updateStatus();
      Path kubeconfig = omni.kubeconfig(kube.url());

      Cli.Result linked =
          omni.run("plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(linked.code()).as(linked.all()).isEqualTo(2);
      assertThat(line(linked.out(), "team/dev"))
          .contains("remove")
          .contains("spec.environmentOf was removed: Omni's record " + record)
          .contains("the connections stay");

      omni.sim.organisation(Organisations.DEFAULT).removeEnvironment(record);
      Cli.Result gone = omni.run("plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(gone.code()).as(gone.all()).isZero();
      assertThat(gone.out()).doesNotContain("ENVIRONMENT LINK");
    }
  }
}
