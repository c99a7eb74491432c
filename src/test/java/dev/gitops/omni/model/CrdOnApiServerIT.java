package dev.gitops.omni.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.core.SpecRules;
import dev.gitops.omni.e2e.RealApiServer;
import dev.gitops.omni.e2e.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD on a real kube-apiserver: accepted as users apply it (server-side, structural
 * schema, CEL within the cost budget), documented through {@code kubectl explain}, printed through
 * its columns, and admitting or rejecting every row of {@link CelRuleCases#TABLE} exactly as {@link
 * SpecRules} judges it, with the CRD's own messages.
 */
@RealApiServer
class CrdOnApiServerIT {
  static final String NS = "crd-check";

  static RealCluster cluster;

  @BeforeAll
  static void installCrd() {
    cluster = RealCluster.start();
    cluster.kubectl().installCrd(CrdFixture.CRD_FILE);
    cluster.kubectl().run("create", "namespace", NS).ok();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theCrdIsAcceptedWithItsNamesAndNoWarnings() {
    var crd = servedCrd();
    assertThat(crd.getStatus().getConditions())
        .filteredOn(c -> Set.of("Established", "NamesAccepted").contains(c.getType()))
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Established=True", "NamesAccepted=True");
    assertThat(crd.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("NonStructuralSchema"))
        .isEmpty();
    // a re-apply is a no-op: the file is what the server stores, nothing defaulted away
    var again =
        cluster.kubectl().run("apply", "--server-side", "-f", CrdFixture.CRD_FILE.toString()).ok();
    assertThat(again.err())
        .as("warnings from the API server")
        .doesNotContainIgnoringCase("warning");
    var after = servedCrd();
    assertThat(after.getMetadata().getResourceVersion())
        .as("nothing changed on the re-apply")
        .isEqualTo(crd.getMetadata().getResourceVersion());
  }

  static io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition servedCrd() {
    return cluster
        .admin()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("omniconnections." + OmniConnection.GROUP)
        .get();
  }

  static Stream<String> specFields() {
    List<String> names = new ArrayList<>();
    CrdFixture.crd()
        .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties")
        .fieldNames()
        .forEachRemaining(names::add);
    return names.stream();
  }

  @ParameterizedTest(name = "kubectl explain omniconnection.spec.{0}")
  @MethodSource("specFields")
  void kubectlExplainPrintsEachSpecFieldsDescription(String field) {
    JsonNode property =
        CrdFixture.crd()
            .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/" + field);
    String description = property.path("description").asText();
    assertThat(description).as("the CRD documents spec." + field).isNotBlank();

    var explain = cluster.kubectl().run("explain", "omniconnection.spec." + field).ok();

    assertThat(words(explain.out())).contains(words(description));
  }

  @Test
  void kubectlGetShowsThePrinterColumnsUnderTheShortName() {
    cluster
        .kubectl()
        .runWithInput(
            """
            apiVersion: omni.gitops.dev/v1alpha1
            kind: OmniConnection
            metadata: {name: columns, namespace: crd-check}
            spec:
              dialect: postgres
              host: db.example.com
              passwordSecretRef: {name: pg, key: password}
            """,
            "apply",
            "-f",
            "-")
        .ok();

    var get = cluster.kubectl().run("get", "omniconn", "-n", NS).ok();
    var wide = cluster.kubectl().run("get", "omni", "-n", NS, "-o", "wide").ok();

    List<String> columns = new ArrayList<>(List.of("NAME"));
    List<String> wideColumns = new ArrayList<>(List.of("NAME"));
    CrdFixture.crd()
        .at("/spec/versions/0/additionalPrinterColumns")
        .forEach(
            c -> {
              String name = c.path("name").asText().toUpperCase();
              wideColumns.add(name);
              if (c.path("priority").asInt() == 0) {
                columns.add(name);
              }
            });
    assertThat(columns).as("kubectl get shows the state").contains("READY", "SYNCED");
    assertThat(wideColumns).as("-o wide adds the details").contains("REASON", "CONNECTION ID");
    assertThat(header(get.out())).containsExactlyElementsOf(columns);
    assertThat(header(wide.out()))
        .as("kubectl get omni (the category) -o wide")
        .containsExactlyElementsOf(wideColumns);
    assertThat(get.out()).contains("columns").contains("postgres");
    // no operator runs here: the CRD's status default tells kstatus it is not reconciled yet
    var unreconciled =
        cluster.admin().resources(OmniConnection.class).inNamespace(NS).withName("columns").get();
    assertThat(unreconciled.getStatus().observedGeneration).isEqualTo(-1L);
    assertThat(unreconciled.getStatus().conditions).isEmpty();
  }

  static Stream<CelRuleCases.Row> table() {
    return CelRuleCases.TABLE.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theApiServerAdmitsExactlyWhatSpecRulesAdmits(CelRuleCases.Row row) throws Exception {
    JsonNode spec = CrdFixture.YAML.readTree(row.yaml());
    Set<String> specRules =
        new LinkedHashSet<>(
            SpecRules.celViolations(CrdFixture.YAML.treeToValue(spec, OmniConnectionSpec.class)));
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    resource.setKind("OmniConnection");
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("row")
            .withNamespace(NS)
            .build());
    resource.setAdditionalProperty("spec", CrdFixture.YAML.convertValue(spec, Map.class));
    var created =
        cluster
            .admin()
            .genericKubernetesResources(dev.gitops.omni.e2e.OperatorInstall.OMNICONNECTIONS)
            .inNamespace(NS)
            .resource(resource);

    KubernetesClientException rejected =
        catchThrowableOfType(KubernetesClientException.class, () -> created.dryRun().create());

    if (row.expected().isEmpty()) {
      assertThat(rejected).as("admitted, as SpecRules admits it").isNull();
      assertThat(specRules).isEmpty();
      return;
    }
    assertThat(rejected).as("rejected by the API server").isNotNull();
    assertThat(rejected.getCode()).isEqualTo(422);
    Set<String> apiServer =
        rejected.getStatus().getDetails().getCauses().stream()
            .map(StatusCause::getMessage)
            // the API server prefixes the error type: Invalid value: <the rule's message>
            .map(m -> m.replaceFirst("^Invalid value: (\"object\": )?", ""))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(apiServer).as("the API server's messages").isEqualTo(row.expected());
    assertThat(apiServer).as("SpecRules' messages").isEqualTo(specRules);
  }

  private static List<String> header(String table) {
    return List.of(table.lines().findFirst().orElse("").strip().split("\\s{2,}"));
  }

  private static String words(String text) {
    return String.join(" ", text.trim().split("\\s+"));
  }
}
