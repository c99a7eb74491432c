package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} with and without a cluster: Secrets in the files, credentials it cannot compare, and
 * a managed resource planned from its status.
 */
class PlanCommandClusterTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture();

  @Test
  void secretsInTheFilesAreUsedButNeverPrinted() throws Exception {
    Cli.Result r = omni.run("plan", "-f", Cli.EXAMPLES.toString(), "-o", "json");

    assertThat(r.code()).as(r.all()).isEqualTo(2);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("summary").path("create").asInt()).isEqualTo(9);
    doc.path("resources")
        .forEach(n -> assertThat(n.path("credentialsCompared").asBoolean()).isTrue());
    Cli.assertNoSecretIn(r.all() + omni.run("plan", "-f", Cli.EXAMPLES.toString()).all());
  }

  @Test
  void withoutAClusterAnAdoptionsCredentialsAreNotCountedAsAChange() {
    // an applied repository with its Secrets: the operator sent them once when it adopted or
    // created the connection, and nothing in the files can show that; plan must not say "changes
    // pending" forever
    omni.seed("mysql", "mysql-shop", Map.of("database", "shop", "baseRole", "QUERIER"));
    Cli.Result r = omni.run("plan", "-f", Cli.EXAMPLES.resolve("mysql.yaml").toString());

    assertThat(r.code()).as(r.all()).isZero();
    assertThat(line(r.out(), "omni-examples/mysql-shop"))
        .startsWith("adopt")
        .contains("credentials cannot be compared without a cluster")
        .doesNotContain("send passwordUnencrypted");
    assertThat(r.err()).contains("no cluster: credentials Omni holds cannot be compared");
    Cli.assertNoSecretIn(r.all());
  }

  @Test
  void withoutAClusterAChangedSettingIsStillAChange() {
    omni.seed("mysql", "mysql-shop", Map.of("database", "shop", "baseRole", "VIEWER"));
    Cli.Result r = omni.run("plan", "-f", Cli.EXAMPLES.resolve("mysql.yaml").toString());

    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(line(r.out(), "omni-examples/mysql-shop"))
        .startsWith("adopt")
        .contains("baseRole: VIEWER -> QUERIER")
        .doesNotContain("send passwordUnencrypted");
  }

  @Test
  void withAClusterAManagedResourceIsPlannedFromItsStatus() throws Exception {
    String id =
        omni.seed("postgres", "sales", Map.of("database", "analytics", "baseRole", "VIEWER"));
    Path f =
        omni.write(
            "repo.yaml",
            pg("sales", "")
                + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: pg, namespace: team}
                stringData: {password: the-new-one}
                """);
    try (var kube = dev.gitops.omni.sandbox.EmbeddedKubernetes.start()) {
      var live =
          dev.gitops.omni.sandbox.ManifestReader.read(List.of(f)).ofKind("OmniConnection").get(0);
      var managed =
          kube.client().resource((dev.gitops.omni.model.OmniConnection) live.resource()).create();
      managed.setStatus(new dev.gitops.omni.model.OmniConnectionStatus());
      managed.getStatus().connectionId = id;
      // what the operator records after a create: every setting it sent, then baseRole
      managed
          .getStatus()
          .appliedSettings
          .putAll(
              dev.gitops.omni.core.WireSettings.immutable(managed.getSpec(), managed.omniName()));
      managed.getStatus().appliedSettings.put("baseRole", "VIEWER");
      managed.getStatus().credentialsVersion.put("passwordUnencrypted", "pg/uid-1/41");
      kube.client().resource(managed).updateStatus();
      Path kubeconfig = omni.kubeconfig(kube.url());

      Cli.Result same = omni.run("plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(same.code()).as(same.all()).isZero();
      assertThat(line(same.out(), "team/sales")).startsWith("nothing").contains(id);

      Path edited = omni.write("edit.yaml", Files.readString(f).replace("VIEWER", "QUERIER"));
      Cli.Result edit =
          omni.run("plan", "-f", edited.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(edit.code()).as(edit.all()).isEqualTo(2);
      assertThat(line(edit.out(), "team/sales"))
          .startsWith("patch")
          .contains("baseRole: VIEWER -> QUERIER")
          .doesNotContain("send passwordUnencrypted");

      Path newSecret =
          omni.write(
              "newref.yaml", Files.readString(f).replace("name: pg, key", "name: pg-v2, key"));
      Cli.Result ref =
          omni.run("plan", "-f", newSecret.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(ref.code()).as("a Secret the operator never sent: " + ref.all()).isEqualTo(2);
      assertThat(line(ref.out(), "team/sales"))
          .startsWith("patch")
          .contains("send passwordUnencrypted from Secret pg-v2");

      // a new resource wanting the same name, planned before the managed one (name order), must
      // see the managed one's claim, as the operator does
      Path rival = omni.write("rival.yaml", Files.readString(f) + pg("a-rival", "name: sales"));
      Cli.Result clash =
          omni.run("plan", "-f", rival.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(line(clash.out(), "team/sales")).startsWith("nothing");
      assertThat(line(clash.out(), "team/a-rival"))
          .startsWith("blocked")
          .contains("already managed by OmniConnection team/sales");

      // no namespace in the files (kustomize's namespace: sets it): the context's is used
      Path bare = omni.write("bare.yaml", Files.readString(f).replace(", namespace: team}", "}"));
      Cli.Result contextNs =
          omni.run("plan", "-f", bare.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(contextNs.code()).as(contextNs.all()).isZero();
      assertThat(line(contextNs.out(), "team/sales")).startsWith("nothing");

      Cli.Result noCluster =
          omni.run(
              "plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString(), "--no-cluster");
      assertThat(line(noCluster.out(), "team/sales")).startsWith("adopt");
      Cli.assertNoSecretIn(same.all() + edit.all());
    }
  }
}
