package dev.gitops.omni.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.ClusterOmniInstanceSpec;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.NamespaceConditions;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import dev.gitops.omni.model.OmniInstanceSpec;
import dev.gitops.omni.model.StatusCondition;
import dev.gitops.omni.model.TokenSecretRef;
import dev.gitops.omni.simulator.SimulatorOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two teams on one install (issue 12), on the mock API server and the simulator with two
 * organisations: each namespace's OmniInstance reaches its own organisation, a namespace cannot use
 * an instance that does not admit it, a rotated key is used within seconds, and an instance in use
 * is not deleted until its connections are gone.
 */
class TenancyTest {
  static final String A = "team-a";
  static final String B = "team-b";
  static final String KEY_A1 = "canary-key-a1-3f9e";
  static final String KEY_A2 = "canary-key-a2-77c1";
  static final String KEY_B = "canary-key-b-0d4a";
  static final String REVOKED = "canary-revoked-5b2b";
  static final String KEY_A_READ_ONLY = "canary-key-a-ro-91d0";

  final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
      new ch.qos.logback.core.read.ListAppender<>();
  final ch.qos.logback.classic.Logger root =
      (ch.qos.logback.classic.Logger)
          org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  Harness h;

  @BeforeEach
  void start() {
    logs.start();
    root.addAppender(logs);
    h =
        new Harness(
                SimulatorOptions.defaults().toBuilder()
                    .rateLimitPerMinute(0)
                    .organisation("org-a", KEY_A1, KEY_A2)
                    .organisationReadOnly("org-a", KEY_A_READ_ONLY)
                    .organisation("org-b", KEY_B)
                    .build(),
                c -> c)
            .start();
    for (String ns : List.of(A, B)) {
      secret(ns, "pg", "password", "pw-" + ns);
    }
    secret(A, "omni-key", "token", KEY_A1);
    secret(B, "omni-key", "token", KEY_B);
    h.k8s.resource(instance(A)).create();
    h.k8s.resource(instance(B)).create();
  }

  @AfterEach
  void stop() {
    h.close();
    root.detachAppender(logs);
  }

  @Test
  void eachTeamReachesOnlyItsOwnOrganisation() {
    apply(connection(A, "sales", new InstanceRef(InstanceRef.Kind.OmniInstance, "omni")));
    apply(connection(B, "sales", new InstanceRef(InstanceRef.Kind.OmniInstance, "omni")));
    awaitReady(A, "sales");
    awaitReady(B, "sales");

    assertThat(h.sim.connections("org-a")).extracting(c -> c.name()).containsExactly("sales");
    assertThat(h.sim.connections("org-b")).extracting(c -> c.name()).containsExactly("sales");
    assertThat(h.sim.connections()).as("the command line's organisation").isEmpty();
    await("instance status")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              OmniInstance i =
                  h.k8s.resources(OmniInstance.class).inNamespace(A).withName("omni").get();
              return i.getStatus() != null
                  && Integer.valueOf(1).equals(i.getStatus().connections)
                  && i.getStatus().lastListTime != null
                  && ready(i).map(c -> "True".equals(c.getStatus())).orElse(false);
            });
  }

  @Test
  void aNamespaceCannotUseAnInstanceThatDoesNotAdmitIt() {
    ClusterOmniInstance shared = new ClusterOmniInstance();
    shared.setMetadata(new ObjectMetaBuilder().withName("shared").build());
    ClusterOmniInstanceSpec spec = new ClusterOmniInstanceSpec();
    spec.url = h.sim.baseUrl();
    spec.tokenSecretRef = new TokenSecretRef(B, "omni-key", "token");
    spec.namespaces = new NamespaceConditions();
    spec.namespaces.names = List.of(B);
    shared.setSpec(spec);
    h.k8s.resource(shared).create();

    apply(connection(A, "sneaky", new InstanceRef(InstanceRef.Kind.ClusterOmniInstance, "shared")));
    apply(connection(A, "lost", new InstanceRef(InstanceRef.Kind.OmniInstance, "nope")));
    apply(
        connection(B, "allowed", new InstanceRef(InstanceRef.Kind.ClusterOmniInstance, "shared")));
    awaitReady(B, "allowed");
    StatusCondition refused = awaitStalled(A, "sneaky", "InstanceNotAllowed");
    assertThat(refused.getMessage())
        .contains("namespace team-a may not use ClusterOmniInstance shared");
    awaitStalled(A, "lost", "InstanceNotFound");

    assertThat(h.sim.journal())
        .as("nothing was sent for the refused connections")
        .noneMatch(j -> "sneaky".equals(j.name()) || "lost".equals(j.name()));
    assertThat(h.sim.connections("org-b")).extracting(c -> c.name()).containsExactly("allowed");
  }

  @Test
  void aConnectionIsNeverArchivedThroughAnInstanceItsNamespaceLostAccessTo() {
    ClusterOmniInstance shared = new ClusterOmniInstance();
    shared.setMetadata(new ObjectMetaBuilder().withName("shared").build());
    ClusterOmniInstanceSpec spec = new ClusterOmniInstanceSpec();
    spec.url = h.sim.baseUrl();
    spec.tokenSecretRef = new TokenSecretRef(B, "omni-key", "token");
    spec.namespaces = new NamespaceConditions();
    spec.namespaces.names = List.of(A, B);
    shared.setSpec(spec);
    h.k8s.resource(shared).create();
    OmniConnection r =
        connection(A, "sales", new InstanceRef(InstanceRef.Kind.ClusterOmniInstance, "shared"));
    r.getSpec().deletionPolicy = dev.gitops.omni.model.Policies.DeletionPolicy.Delete;
    apply(r);
    awaitReady(A, "sales");

    h.k8s
        .resources(ClusterOmniInstance.class)
        .withName("shared")
        .edit(
            i -> {
              i.getSpec().namespaces.names = List.of(B);
              return i;
            });
    awaitStalled(A, "sales", "InstanceNotAllowed");
    h.k8s.resources(OmniConnection.class).inNamespace(A).withName("sales").delete();

    await("released without archiving")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                h.k8s.resources(OmniConnection.class).inNamespace(A).withName("sales").get()
                    == null);
    assertThat(h.sim.connections("org-b")).singleElement().matches(c -> !c.archived());
    assertThat(h.sim.journal()).noneMatch(j -> j.method().equals("DELETE"));
  }

  @Test
  void aRotatedKeyIsUsedWithinSecondsWithoutARestart() {
    apply(connection(A, "sales", new InstanceRef(InstanceRef.Kind.OmniInstance, "omni")));
    awaitReady(A, "sales");

    secret(A, "omni-key", "token", REVOKED);
    awaitInstance(A, "Unauthorized");
    // a read-only key of the same organisation: the instance lists, the connection's PATCH is
    // refused, so the connection's own requests carry the rotated key
    secret(A, "omni-key", "token", KEY_A_READ_ONLY);
    awaitInstance(A, "Available");
    setBaseRole("QUERIER");
    await("PATCH refused with the read-only key")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                h.sim.journal().stream()
                    .anyMatch(
                        j ->
                            j.method().equals("PATCH")
                                && j.status() == 403
                                && "org-a".equals(j.organisation())));
    assertThat(h.sim.connections("org-a")).noneMatch(c -> "QUERIER".equals(c.baseRole()));

    secret(A, "omni-key", "token", KEY_A2);
    await("PATCH with the second key")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.sim.connections("org-a").stream().anyMatch(c -> "QUERIER".equals(c.baseRole())));
    assertThat(emitted()).doesNotContain(KEY_A1, KEY_A2, KEY_A_READ_ONLY, REVOKED, KEY_B);
  }

  private void setBaseRole(String role) {
    h.k8s
        .resources(OmniConnection.class)
        .inNamespace(A)
        .withName("sales")
        .edit(
            r -> {
              r.getSpec().baseRole = role;
              return r;
            });
  }

  /** What the operator logged, and the instances' and connections' statuses, as text. */
  private String emitted() {
    StringBuilder out = new StringBuilder();
    logs.list.forEach(
        e ->
            out.append(e.getFormattedMessage())
                .append('\n')
                .append(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())
                .append('\n'));
    for (String ns : List.of(A, B)) {
      h.k8s
          .resources(OmniInstance.class)
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(
              i ->
                  out.append(io.fabric8.kubernetes.client.utils.Serialization.asJson(i.getStatus()))
                      .append('\n'));
      h.k8s
          .resources(OmniConnection.class)
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(
              c ->
                  out.append(io.fabric8.kubernetes.client.utils.Serialization.asJson(c.getStatus()))
                      .append('\n'));
      h.k8s
          .v1()
          .events()
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(e -> out.append(e.getMessage()).append('\n'));
    }
    return out.toString();
  }

  @Test
  void anInstanceInUseIsDeletedOnlyAfterItsConnections() {
    apply(connection(B, "sales", new InstanceRef(InstanceRef.Kind.OmniInstance, "omni")));
    awaitReady(B, "sales");

    h.k8s.resources(OmniInstance.class).inNamespace(B).withName("omni").delete();
    awaitInstance(B, "InUse");
    OmniInstance held = h.k8s.resources(OmniInstance.class).inNamespace(B).withName("omni").get();
    assertThat(held.getStatus().usedBy).containsExactly("team-b/sales");

    h.k8s.resources(OmniConnection.class).inNamespace(B).withName("sales").delete();
    await("instance gone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.k8s.resources(OmniInstance.class).inNamespace(B).withName("omni").get() == null);
  }

  // --- helpers -----------------------------------------------------------------------------

  private OmniInstance instance(String ns) {
    OmniInstance i = new OmniInstance();
    i.setMetadata(new ObjectMetaBuilder().withName("omni").withNamespace(ns).build());
    OmniInstanceSpec spec = new OmniInstanceSpec();
    spec.url = h.sim.baseUrl();
    spec.tokenSecretRef = new TokenSecretRef(null, "omni-key", "token");
    spec.requestsPerMinute = 6000;
    i.setSpec(spec);
    return i;
  }

  private static OmniConnection connection(String ns, String name, InstanceRef ref) {
    OmniConnection r = Harness.postgres(name);
    r.getMetadata().setNamespace(ns);
    r.getSpec().instanceRef = ref;
    return r;
  }

  private void apply(OmniConnection r) {
    h.k8s.resource(r).createOr(c -> c.update());
  }

  private void secret(String ns, String name, String key, String value) {
    h.k8s
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .createOr(c -> c.update());
  }

  private Optional<StatusCondition> condition(String ns, String name, String type) {
    OmniConnection r = h.k8s.resources(OmniConnection.class).inNamespace(ns).withName(name).get();
    return r == null || r.getStatus() == null
        ? Optional.empty()
        : r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private void awaitReady(String ns, String name) {
    await("Ready " + ns + "/" + name)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                condition(ns, name, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  private StatusCondition awaitStalled(String ns, String name, String reason) {
    await("Stalled " + reason + " " + ns + "/" + name)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                condition(ns, name, "Stalled")
                    .map(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason()))
                    .orElse(false));
    return condition(ns, name, "Stalled").orElseThrow();
  }

  private void awaitInstance(String ns, String reason) {
    await("instance " + ns + " " + reason)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ready(h.k8s.resources(OmniInstance.class).inNamespace(ns).withName("omni").get())
                    .map(c -> reason.equals(c.getReason()))
                    .orElse(false));
  }

  private static Optional<StatusCondition> ready(CustomResource<?, ?> i) {
    if (i == null || !(i.getStatus() instanceof dev.gitops.omni.model.OmniInstanceStatus s)) {
      return Optional.empty();
    }
    return s.conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }
}
