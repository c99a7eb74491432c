package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}: the operator's planner over files, against one list of Omni's connections. */
class PlanCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  OmniFixture omni;

  @BeforeEach
  void setUp() {
    omni = new OmniFixture(dir);
  }

  @AfterEach
  void tearDown() {
    omni.close();
  }

  static String pg(String name, String extra) {
    return """
        ---
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata: {name: %s, namespace: team}
        spec:
          dialect: postgres
          database: analytics
          baseRole: VIEWER
          passwordSecretRef: {name: pg, key: password}
        %s
        """
        .formatted(name, extra.indent(2));
  }

  @Test
  void nothingToChangeExitsZeroInTextAndJson() throws Exception {
    String id =
        omni.seed("postgres", "sales", Map.of("database", "analytics", "baseRole", "VIEWER"));
    omni.seed("postgres", "pinned", Map.of("database", "analytics", "baseRole", "VIEWER"));
    String pinnedId = omni.sim.connections().get(1).id();
    Path f = omni.write("ok.yaml", pg("sales", "") + pg("pinned", "connectionId: " + pinnedId));

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isZero();
    assertThat(line(text.out(), "team/sales"))
        .startsWith("adopt")
        .contains(id, "same name and dialect");
    assertThat(line(text.out(), "team/pinned"))
        .startsWith("nothing")
        .contains(pinnedId, "matches the spec");
    assertThat(text.out())
        .contains("credentials not compared: Secret team/pg is not in the files")
        .contains("Plan: 0 to create, 1 to adopt, 0 to patch, 0 to replace, 1 unchanged, 0 invalid")
        .contains("No changes");
    assertThat(omni.sim.count("list")).as("Omni is listed once").isEqualTo(1);

    Cli.Result json = omni.run("plan", "-f", f.toString(), "-o", "json");
    assertThat(json.code()).isZero();
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("summary").path("changes").asInt()).isZero();
    assertThat(doc.path("resources")).hasSize(2);
    assertThat(doc.at("/resources/0/action").asText()).isEqualTo("nothing");
    assertThat(doc.at("/resources/1/action").asText()).isEqualTo("adopt");
    assertThat(doc.at("/resources/1/credentialsCompared").asBoolean()).isFalse();
  }

  @Test
  void pendingChangesExitTwoAndNameTheFields() throws Exception {
    String id =
        omni.seed("postgres", "orders", Map.of("database", "analytics", "baseRole", "VIEWER"));
    String moved = omni.seed("postgres", "moved", Map.of("database", "old_db"));
    Path f =
        omni.write(
            "changes.yaml",
            pg("fresh", "")
                + pg("orders", "connectionId: " + id + "\n")
                    .replace("baseRole: VIEWER", "baseRole: QUERIER")
                + pg("moved", "connectionId: " + moved + "\nreplacementPolicy: Recreate"));

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(line(text.out(), "team/fresh"))
        .startsWith("create")
        .contains("create connection 'fresh' (postgres)");
    assertThat(line(text.out(), "team/orders"))
        .startsWith("patch")
        .contains("baseRole: VIEWER -> QUERIER");
    assertThat(line(text.out(), "team/moved")).startsWith("replace").contains("database");
    assertThat(text.out())
        .contains("1 to create, 0 to adopt, 1 to patch, 1 to replace")
        .contains("Changes pending");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(doc.path("exitCode").asInt()).isEqualTo(2);
    JsonNode orders = find(doc, "team/orders");
    assertThat(orders.path("action").asText()).isEqualTo("patch");
    assertThat(orders.path("fields").toString()).isEqualTo("[\"baseRole\"]");
    assertThat(find(doc, "team/moved").path("fields").toString()).isEqualTo("[\"database\"]");
    assertThat(find(doc, "team/fresh").at("/settings/database").asText()).isEqualTo("analytics");
    assertThat(omni.sim.count("create") + omni.sim.count("patch")).as("plan never writes").isZero();
  }

  @Test
  void anInvalidSpecIsAnErrorListedWithItsReason() throws Exception {
    Path f =
        omni.write(
            "invalid.yaml",
            pg("fine", "")
                + """
                ---
                apiVersion: omni.gitops.dev/v1alpha1
                kind: OmniConnection
                metadata: {name: snow, namespace: team}
                spec:
                  dialect: snowflake
                  host: myorg.snowflakecomputing.com
                  passwordSecretRef: {name: sf, key: password}
                """);

    Cli.Result text = omni.run("plan", "-f", f.toString());
    assertThat(text.code()).as(text.all()).isEqualTo(1);
    assertThat(line(text.out(), "team/snow"))
        .startsWith("invalid")
        .contains("warehouse")
        .contains("account identifier");
    assertThat(line(text.out(), "team/fine")).startsWith("create");
    assertThat(text.out()).contains("1 invalid").contains("Errors");

    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    JsonNode snow = find(doc, "team/snow");
    assertThat(snow.path("action").asText()).isEqualTo("invalid");
    assertThat(snow.path("reason").asText()).isEqualTo("InvalidSpec");
    assertThat(snow.path("fields").toString()).contains("spec.warehouse", "spec.host");
  }

  @Test
  void twoResourcesForOneConnectionAreBlockedAndAnUnchangeableEditIsBlocked() {
    String shared = omni.seed("postgres", "shared", Map.of("database", "analytics"));
    String legacy = omni.seed("postgres", "legacy", Map.of("database", "analytics"));
    Path f =
        omni.write(
            "clash.yaml",
            pg("shared", "")
                + pg("shared-too", "name: shared")
                + pg("legacy", "connectionId: " + legacy)
                    .replace("database: analytics", "database: other"));

    Cli.Result r = omni.run("plan", "-f", f.toString());

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(line(r.out(), "team/shared")).startsWith("adopt").contains(shared);
    assertThat(line(r.out(), "team/shared-too"))
        .startsWith("blocked")
        .contains("already managed by OmniConnection team/shared");
    assertThat(line(r.out(), "team/legacy"))
        .startsWith("blocked")
        .contains("Omni cannot change database in place")
        .contains("replacementPolicy: Recreate");
  }

  @Test
  void secretsInTheFilesAreUsedButNeverPrinted() throws Exception {
    Cli.Result r = omni.run("plan", "-f", Cli.EXAMPLES.toString(), "-o", "json");

    assertThat(r.code()).as(r.all()).isEqualTo(2);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("summary").path("create").asInt()).isEqualTo(8);
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
      Path kubeconfig = kubeconfig(kube.url());

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

  @Test
  void deletionPolicyDeleteOnTheUnstableApiIsWarnedAbout() {
    Path f = omni.write("del.yaml", pg("sales", "deletionPolicy: Delete") + pg("kept", ""));

    Cli.Result r = omni.run("plan", "-f", f.toString(), "--api-prefix", "unstable");

    assertThat(line(r.out(), "team/sales"))
        .contains("deletionPolicy Delete cannot archive through the unstable API");
    assertThat(line(r.out(), "team/kept")).doesNotContain("cannot archive");
    assertThat(line(omni.run("plan", "-f", f.toString()).out(), "team/sales"))
        .doesNotContain("cannot archive");
  }

  /** A kubeconfig for the API server at {@code url}, with a token. */
  Path kubeconfig(String url) {
    return omni.write(
        "kubeconfig",
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: team}}]
        current-context: c
        """
            .formatted(url));
  }

  @Test
  void anUnreachableClusterIsOneLineNamingTheWayOut() throws Exception {
    Path f = omni.write("repo.yaml", pg("sales", ""));
    Path kubeconfig = kubeconfig("http://127.0.0.1:9");

    Cli.Result r = omni.run("plan", "-f", f.toString(), "--kubeconfig", kubeconfig.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
        .singleElement()
        .asString()
        .contains("cannot read OmniConnections from the cluster in " + kubeconfig)
        .contains("--no-cluster");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void unreadableInputIsAOneLineError() {
    Cli.Result missing = omni.run("plan", "-f", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file or directory");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void aMissingTokenIsOneLineNamingTheOptionAndTheVariable() {
    Assumptions.assumeTrue(
        System.getenv("OMNI_TOKEN") == null && System.getenv("OMNI_TOKEN_FILE") == null,
        "OMNI_TOKEN or OMNI_TOKEN_FILE is set in this environment");
    Cli.Result r =
        Cli.run(
            "plan",
            "-f",
            Cli.EXAMPLES.toString(),
            "--omni-url",
            omni.sim.baseUrl(),
            "--no-cluster");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: an Omni API key is required: --omni-token-file or OMNI_TOKEN"
                + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(omni.sim.totalRequests()).as("Omni is not called").isZero();
  }

  @Test
  void aMissingUrlIsOneLineNamingTheOptionAndTheVariable() {
    Assumptions.assumeTrue(System.getenv("OMNI_URL") == null, "OMNI_URL is set");
    Cli.Result r = Cli.run("plan", "-f", Cli.EXAMPLES.toString(), "--no-cluster");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("error: --omni-url (or OMNI_URL) is required" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  static String line(String out, String resource) {
    return out.lines()
        .filter(l -> l.contains(" " + resource + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + resource + " in\n" + out));
  }

  static JsonNode find(JsonNode doc, String resource) {
    for (JsonNode n : doc.path("resources")) {
      if (n.path("resource").asText().equals(resource)) {
        return n;
      }
    }
    throw new AssertionError("no " + resource + " in " + doc);
  }
}
