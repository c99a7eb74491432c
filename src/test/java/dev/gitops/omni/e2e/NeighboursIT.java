package dev.gitops.omni.e2e;

import static dev.gitops.omni.e2e.NeighbourChecks.apply;
import static dev.gitops.omni.e2e.NeighbourChecks.awaitSchedules;
import static dev.gitops.omni.e2e.NeighbourChecks.links;
import static dev.gitops.omni.e2e.NeighbourChecks.schedulesYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.omni.model.RefreshScheduleSpec;
import dev.gitops.omni.model.SpecRuleMessages;
import dev.gitops.omni.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Schedules and environment links (issue 13) with the shipped jar and the chart's RBAC on a real
 * API server: a base with two schedules and a dev environment converge in Omni (through Omni's 404
 * window after a create); the CRD refuses a 5-field cron and a duplicate schedule; an edited
 * schedule is changed in place and a removed environmentOf unlinks.
 */
@RealApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NeighboursIT {
  static final String NS = "neighbours";
  static final String WEEKDAYS = "0 6 ? * MON-FRI *@Europe/Berlin";
  static final String SUNDAYS = "30 2 ? * SUN *@UTC";
  static final String BASE =
      "environmentUserAttribute: {attributeName: environment, defaultValues: [prod]}\n"
          + schedulesYaml(WEEKDAYS, SUNDAYS);
  static final String DEV = "environmentOf: {name: prod, userAttributeValues: [dev]}";

  static OperatorInstall install;
  static String prodId;

  @BeforeAll
  static void install() {
    var omni = SimulatorOptions.defaults().toBuilder().rateLimitPerMinute(0);
    // Omni's window after a create in which schedule calls answer 404, long enough to be met
    omni.scheduleNotReadyFor(Duration.ofSeconds(5));
    install = OperatorInstall.startWithInstances(omni.build()).withChart("");
    install.runOperator("omni-operator-0", List.of("--poll-interval=10s", "--rate-limit=600"));
  }

  @AfterAll
  static void uninstall() {
    if (install != null) {
      install.close();
    }
  }

  @Test
  @Order(1)
  void aBaseWithSchedulesAndADevEnvironmentConverge() {
    String prod = Manifests.postgres(NS, "prod", "pw", BASE);
    String dev = Manifests.postgres(NS, "dev", "pw", DEV);
    apply(install, Manifests.namespace(NS) + "---\n" + prod + "---\n" + dev).ok();
    install.awaitReady(NS, "prod");
    install.awaitReady(NS, "dev");
    prodId = install.get(NS, "prod").getStatus().connectionId;
    String devId = install.get(NS, "dev").getStatus().connectionId;

    awaitSchedules(install, prodId, WEEKDAYS, SUNDAYS);
    await("dev linked to prod for 'dev'")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                links(install).size() == 1
                    && links(install).get(0).baseConnectionId().equals(prodId)
                    && links(install).get(0).connectionId().equals(devId)
                    && links(install).get(0).userAttributeValues().equals(List.of("dev")));
    NeighbourChecks.awaitInSync(install, NS);
    assertThat(install.get(NS, "prod").getStatus().schemaRefreshSchedules.ids)
        .containsExactlyInAnyOrderElementsOf(scheduleIds());
    assertThat(install.get(NS, "dev").getStatus().environmentLink.id)
        .isEqualTo(links(install).get(0).id());
    var omni = install.omni();
    assertThat(omni.count("schedule-list", 404) + omni.count("schedule-create", 404))
        .as("Omni's 404 window after the create was met, and waited out")
        .isPositive();
    assertThat(omni.count("create")).as("no connection created twice").isEqualTo(2);
    awaitEvent("prod", "SchedulesUpdated: schema-refresh schedules: create 2");
    awaitEvent("dev", "EnvironmentLinked: linked as an environment of connection " + prodId);
    assertThat(install.deniedToOperator()).as("requests RBAC refused").isEmpty();
  }

  @Test
  @Order(2)
  void theCrdRefusesAFiveFieldCronAndADuplicateSchedule() {
    var unix = apply(install, Manifests.connection(NS, "unix", schedulesYaml("0 9 * * *@UTC")));
    assertThat(unix.exitCode()).as(unix.out()).isNotZero();
    assertThat(unix.err()).contains(RefreshScheduleSpec.CRON_MESSAGE);

    var twice = apply(install, Manifests.connection(NS, "twice", schedulesYaml(SUNDAYS, SUNDAYS)));
    assertThat(twice.exitCode()).as(twice.out()).isNotZero();
    assertThat(twice.err()).contains(SpecRuleMessages.SCHEDULE_DUPLICATE);

    assertThat(install.get(NS, "unix")).isNull();
    assertThat(install.get(NS, "twice")).isNull();
  }

  @Test
  @Order(3)
  void anEditedScheduleIsChangedInPlaceAndARemovedEnvironmentOfUnlinks() {
    List<String> ids = scheduleIds();
    long creates = install.omni().count("schedule-create");
    long updates = install.omni().count("schedule-update");
    String json =
        "{\"spec\":{\"schemaRefreshSchedules\":[{\"schedule\":\"0 6 ? * MON-FRI *\","
            + "\"timezone\":\"Europe/Berlin\"},{\"schedule\":\"0 3 ? * SUN *\",\"timezone\":\"UTC\"}]}}";
    install.cluster().kubectl().mergePatch(NS, "omniconnection", "prod", json);
    awaitSchedules(install, prodId, WEEKDAYS, "0 3 ? * SUN *@UTC");
    assertThat(install.omni().count("schedule-create")).as("nothing recreated").isEqualTo(creates);
    assertThat(install.omni().count("schedule-update")).isEqualTo(updates + 1);
    assertThat(scheduleIds()).as("changed in place: the same ids").isEqualTo(ids);
    awaitEvent("prod", "SchedulesUpdated: schema-refresh schedules: update 1");

    String unset = "{\"spec\":{\"environmentOf\":null}}";
    install.cluster().kubectl().mergePatch(NS, "omniconnection", "dev", unset);
    await("unlinked in Omni").atMost(Duration.ofSeconds(20)).until(() -> links(install).isEmpty());
    await("the status without the link")
        .atMost(Duration.ofSeconds(10))
        .until(() -> install.get(NS, "dev").getStatus().environmentLink == null);
    assertThat(install.omni().connections()).as("both connections stay").hasSize(2);
    assertThat(install.omni().connections()).noneMatch(c -> c.archived());
    awaitEvent("dev", "EnvironmentUnlinked: environment link removed in Omni");
    assertThat(install.deniedToOperator()).as("requests RBAC refused").isEmpty();
  }

  private static void awaitEvent(String name, String event) {
    NeighbourChecks.awaitEvent(install, NS, name, event);
  }

  private static List<String> scheduleIds() {
    return NeighbourChecks.scheduleIds(install, prodId);
  }
}
