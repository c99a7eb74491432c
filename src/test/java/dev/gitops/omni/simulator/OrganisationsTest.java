package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several organisations on one simulator: each token acts for one organisation and sees and changes
 * only that organisation's connections, as each Omni organisation is its own instance.
 */
class OrganisationsTest {

  private static SimulatorOptionsBuilder twoTeams() {
    return SimulatorOptions.builder()
        .organisation("team-a", "a1", "a2")
        .organisation("team-b", "b1")
        .rateLimitPerMinute(0);
  }

  private static List<String> names(SimClient.Resp list) {
    assertThat(list.status()).isEqualTo(200);
    return StreamSupport.stream(list.json().get("connections").spliterator(), false)
        .map(c -> c.get("name").asText())
        .toList();
  }

  @Test
  void eachTokenListsOnlyItsOwnOrganisationsConnections() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      sim.organisation("team-a").seed(Bodies.postgres("a-orders"));
      sim.organisation("team-a").seed(Bodies.postgres("a-billing"));
      sim.organisation("team-b").seed(Bodies.postgres("b-orders"));

      assertThat(names(new SimClient(sim, "v1", "a1").list(null)))
          .containsExactly("a-billing", "a-orders");
      assertThat(names(new SimClient(sim, "unstable", "a2").list(null)))
          .containsExactly("a-billing", "a-orders");
      assertThat(names(new SimClient(sim, "v1", "b1").list(null))).containsExactly("b-orders");
      assertThat(sim.organisations()).containsExactly("default", "team-a", "team-b");
      assertThat(sim.connections()).as("the default organisation's").isEmpty();
    }
  }

  @Test
  void aCreateInOneOrganisationIsInvisibleToTheOther() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      String id = new SimClient(sim, "v1", "a1").createOk(Bodies.postgres("orders"));

      assertThat(names(new SimClient(sim, "v1", "b1").list("includeDeleted=true"))).isEmpty();
      assertThat(names(new SimClient(sim, "v1", "a2").list(null))).containsExactly("orders");
      assertThat(sim.connections("team-a")).extracting(ConnectionSnapshot::id).containsExactly(id);
      assertThat(sim.connections("team-b")).isEmpty();
      assertThat(sim.organisation("team-b").connection(id)).isEmpty();
      assertThat(sim.connection(id)).as("not in the default organisation").isEmpty();
      assertThat(sim.journal())
          .extracting(JournalEntry::route, JournalEntry::organisation)
          .containsExactly(
              tuple("create", "team-a"), tuple("list", "team-b"), tuple("list", "team-a"));
      assertThat(sim.organisation("team-b").journal())
          .extracting(JournalEntry::route)
          .containsExactly("list");
    }
  }

  @Test
  void anotherOrganisationsIdAnswers404AndNothingChanges() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      String id = new SimClient(sim, "v1", "a1").createOk(Bodies.postgres("orders"));
      SimClient b = new SimClient(sim, "v1", "b1");

      for (SimClient.Resp r :
          List.of(
              b.get(id),
              b.patch(id, Map.of("baseRole", "VIEWER")),
              b.patch(id, Map.of("passwordUnencrypted", "stolen")),
              new SimClient(sim, "unstable", "b1").patch(id, Map.of("baseRole", "VIEWER")),
              b.delete(id))) {
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.detail()).isEqualTo("Connection not found");
      }
      ConnectionSnapshot a = sim.organisation("team-a").connection(id).orElseThrow();
      assertThat(a.baseRole()).isNull();
      assertThat(a.deletedAt()).isNull();
      assertThat(a.credentialsGeneration()).isZero();
      assertThat(sim.organisation("team-a").secretMatches(id, "passwordUnencrypted", Bodies.SECRET))
          .isTrue();
      assertThat(sim.connections("team-b")).isEmpty();
      assertThat(new SimClient(sim, "v1", "a2").get(id).status()).isEqualTo(200);
    }
  }

  @Test
  void attributeValuesNeedOnlyBeUniqueWithinAnOrganisation() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      Map<String, Object> env =
          Map.of(
              "environmentUserAttribute",
              Map.of("attributeName", "omni_env", "defaultValues", List.of("prod")));
      SimClient a = new SimClient(sim, "v1", "a1");
      SimClient b = new SimClient(sim, "v1", "b1");
      String inA = a.createOk(Bodies.postgres("a"));
      String inB = b.createOk(Bodies.postgres("b"));

      assertThat(a.patch(inA, env).status()).isEqualTo(200);
      assertThat(b.patch(inB, env).status()).as("team-b is another instance").isEqualTo(200);
      String second = a.createOk(Bodies.postgres("a2"));
      assertThat(a.patch(second, env).detail())
          .isEqualTo("User attribute value \"prod\" is already in use");
    }
  }

  @Test
  void theRateLimitIsPerKeySoOneOrganisationCannotExhaustAnother() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().rateLimitPerMinute(2).build())) {
      SimClient a1 = new SimClient(sim, "v1", "a1");
      SimClient b1 = new SimClient(sim, "v1", "b1");
      assertThat(a1.list(null).status()).isEqualTo(200);
      assertThat(a1.list(null).status()).isEqualTo(200);
      assertThat(a1.list(null).status()).isEqualTo(429);

      assertThat(b1.list(null).status()).isEqualTo(200);
      assertThat(b1.list(null).status()).isEqualTo(200);
      assertThat(b1.list(null).status()).isEqualTo(429);
      // Omni limits per API key: team-a's other key has its own budget
      assertThat(new SimClient(sim, "v1", "a2").list(null).status()).isEqualTo(200);
      assertThat(sim.organisation("team-a").journal())
          .extracting(JournalEntry::status)
          .containsExactly(200, 200, 429, 200);
    }
  }

  @Test
  void readOnlyTokensBelongToAnOrganisation() {
    try (OmniSimulator sim =
        OmniSimulator.start(twoTeams().organisationReadOnly("team-b", "viewer-b").build())) {
      new SimClient(sim, "v1", "a1").createOk(Bodies.postgres("a"));
      String inB = new SimClient(sim, "v1", "b1").createOk(Bodies.postgres("b"));
      SimClient viewer = new SimClient(sim, "v1", "viewer-b");

      assertThat(names(viewer.list(null))).containsExactly("b");
      assertThat(viewer.get(inB).status()).isEqualTo(200);
      assertThat(viewer.patch(inB, Map.of("baseRole", "VIEWER")).status()).isEqualTo(403);
      assertThat(viewer.create(Bodies.postgres("c")).status()).isEqualTo(403);
      assertThat(sim.connections("team-b")).hasSize(1);
    }
  }

  @Test
  void withOrganisationsTheDefaultTokenIsGoneUnlessGiven() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      assertThat(sim.options().tokens()).isEmpty();
      assertThat(new SimClient(sim, "v1").list(null).status()).isEqualTo(401);
      assertThat(sim.journal()).singleElement().extracting(JournalEntry::organisation).isNull();
    }
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().tokens("ops").build())) {
      String id = new SimClient(sim, "v1", "ops").createOk(Bodies.postgres("shared"));
      assertThat(sim.connection(id)).isPresent();
      assertThat(sim.connections("default")).hasSize(1);
      assertThat(names(new SimClient(sim, "v1", "a1").list(null))).isEmpty();
    }
  }

  @Test
  void withoutOrganisationsEveryTokenSharesTheDefaultOne() {
    SimulatorOptions options = SimulatorOptions.builder().tokens("k1", "k2").build();
    assertThat(options.organisations()).isEqualTo(Organisations.NONE);
    try (OmniSimulator sim = OmniSimulator.start(options)) {
      String id = new SimClient(sim, "v1", "k1").createOk(Bodies.postgres("p"));
      assertThat(new SimClient(sim, "v1", "k2").get(id).status()).isEqualTo(200);
      assertThat(sim.organisations()).containsExactly("default");
      assertThat(sim.organisation("default").connections()).isEqualTo(sim.connections());
      assertThat(sim.journal()).extracting(JournalEntry::organisation).containsOnly("default");
      assertThatThrownBy(() -> sim.organisation("team-a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no organisation 'team-a' (there are: default)");
    }
  }

  @Test
  void aTokenBelongsToOneOrganisationOnly() {
    assertThatThrownBy(() -> twoTeams().organisation("team-c", "b1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token 'b1' is given to two organisations: team-b and team-c");
    assertThatThrownBy(() -> twoTeams().tokens("a2").build())
        .hasMessage("token 'a2' is given to two organisations: default and team-a");
    assertThatThrownBy(() -> twoTeams().organisationReadOnly("team-b", "a1").build())
        .hasMessage("token 'a1' is given to two organisations: team-a and team-b");
    // the same token twice for one organisation is just that token
    assertThat(twoTeams().organisation("team-a", "a1").build().organisations().byName())
        .containsEntry("team-a", new Organisations.Keys(Set.of("a1", "a2"), Set.of()));
  }

  @Test
  void organisationNamesAreCheckedAndOptionsRoundTrip() {
    assertThatThrownBy(() -> SimulatorOptions.builder().organisation("default", "x"))
        .hasMessageContaining("organisation name 'default' is taken");
    assertThatThrownBy(() -> SimulatorOptions.builder().organisation("team a", "x"))
        .hasMessageContaining("organisation name 'team a' must start with a letter or digit");
    assertThatThrownBy(() -> SimulatorOptions.builder().organisation("team-a"))
        .hasMessage("organisation 'team-a' has no token");
    assertThatThrownBy(() -> SimulatorOptions.builder().organisation("team-a", " "))
        .hasMessage("a token must not be blank");

    SimulatorOptions o = twoTeams().organisationReadOnly("team-a", "viewer").build();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThat(o.organisations().byName().keySet()).containsExactly("team-a", "team-b");
  }

  @Test
  void flagValuesParse() {
    Map.Entry<String, Set<String>> e = Organisations.parse(" team-a = a1, a2 ,");
    assertThat(e.getKey()).isEqualTo("team-a");
    assertThat(e.getValue()).containsExactly("a1", "a2");
    assertThat(Organisations.parse("t.b_2=x").getValue()).containsExactly("x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"team-a", "=a1", "team-a=", "team-a=,", ""})
  void malformedFlagValuesAreRefused(String value) {
    assertThatThrownBy(() -> Organisations.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + value + "' is not NAME=TOKEN[,TOKEN...], e.g. team-a=key-a1,key-a2");
  }

  @Test
  void listedConnectionsCarryNothingOfTheOtherOrganisation() {
    try (OmniSimulator sim = OmniSimulator.start(twoTeams().build())) {
      new SimClient(sim, "v1", "a1").createOk(Bodies.postgres("same-name"));
      new SimClient(sim, "v1", "b1").createOk(Bodies.postgres("same-name"));
      JsonNode a = new SimClient(sim, "v1", "a1").list(null).json().get("connections");
      JsonNode b = new SimClient(sim, "v1", "b1").list(null).json().get("connections");
      assertThat(a).hasSize(1);
      assertThat(b).hasSize(1);
      assertThat(a.get(0).get("id")).isNotEqualTo(b.get(0).get("id"));
    }
  }
}
