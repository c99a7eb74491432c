package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.ObservedConnection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Omni's success bodies, leniently. */
class OmniResponsesTest {

  private static final String PROD_ID = "c0f12353-4817-4398-bcc0-d501e6dd2f64";

  private static List<ObservedConnection> list(String fixture) {
    return OmniResponses.list(OmniJson.parseOrNull(ClientFixtures.read(fixture)));
  }

  @Test
  void readsTheConnectionsKey() {
    List<ObservedConnection> all = list("list-connections.json");

    assertThat(all).hasSize(2);
    assertThat(all.get(0))
        .isEqualTo(
            new ObservedConnection(
                PROD_ID,
                "Production Database",
                "postgres",
                "prod_db",
                null,
                null,
                "environment",
                List.of("prod"),
                null));
    assertThat(all.get(0).archived()).isFalse();
    assertThat(all.get(1).archived()).isTrue();
    assertThat(all.get(1).deletedAt()).isEqualTo("2025-05-02T10:11:12.000Z");
    assertThat(all.get(1).environmentAttributeName()).isNull();
    assertThat(all.get(1).environmentDefaultValues()).isEmpty();
  }

  @Test
  void readsTheRecordsKeyTheSameWay() {
    assertThat(list("list-records.json")).containsExactly(list("list-connections.json").get(0));
  }

  @Test
  void splitsDefaultValuesGivenAsOneString() {
    assertThat(list("list-string-default-values.json").get(0).environmentDefaultValues())
        .containsExactly("prod", "staging", "dev");
  }

  @Test
  void readsSqlserverAsMssqlAndNullValuesAsEmpty() {
    ObservedConnection c = list("list-sqlserver.json").get(0);

    assertThat(c.dialect()).isEqualTo("mssql");
    assertThat(c.environmentAttributeName()).isNull();
    assertThat(c.environmentDefaultValues()).isEmpty();
  }

  @Test
  void ignoresUnknownFieldsAndReadsNewerOnes() {
    ObservedConnection c = list("list-extra-fields.json").get(0);

    assertThat(c.baseRole()).isEqualTo("QUERIER");
    assertThat(c.defaultSchema()).isEqualTo("public");
    assertThat(c.environmentDefaultValues()).containsExactly("prod", "production");
  }

  @Test
  void acceptsABareArrayAndRejectsOtherShapes() {
    assertThat(OmniResponses.list(OmniJson.parseOrNull("[{\"id\": \"a\"}]")))
        .extracting(ObservedConnection::id)
        .containsExactly("a");
    assertThat(OmniResponses.list(OmniJson.parseOrNull("{\"items\": []}"))).isNull();
    assertThat(OmniResponses.list(OmniJson.parseOrNull("<html></html>"))).isNull();
  }

  @Test
  void readsOneConnectionWrappedOrBare() {
    ObservedConnection wrapped =
        OmniResponses.one(OmniJson.parseOrNull(ClientFixtures.read("get-one.json")));
    String bare =
        ClientFixtures.json(ClientFixtures.read("get-one.json")).get("connection").toString();

    assertThat(wrapped.id()).isEqualTo(PROD_ID);
    assertThat(wrapped.baseRole()).isEqualTo("VIEWER");
    assertThat(OmniResponses.one(OmniJson.parseOrNull(bare))).isEqualTo(wrapped);
    assertThat(OmniResponses.one(OmniJson.parseOrNull("{\"success\": true}"))).isNull();
  }

  @Test
  void readsMissingFieldsAsNull() {
    ObservedConnection c = OmniResponses.one(OmniJson.parseOrNull("{\"id\": \"x\"}"));

    assertThat(c)
        .isEqualTo(
            new ObservedConnection("x", null, null, null, null, null, null, List.of(), null));
  }

  @Test
  void readsTheEnvironmentAttributeInItsPatchShapeToo() {
    ObservedConnection c =
        OmniResponses.one(
            OmniJson.parseOrNull(
                "{\"id\": \"x\", \"environmentUserAttribute\":"
                    + " {\"attributeName\": \"env\", \"defaultValues\": [\"a\", \"b\"]}}"));

    assertThat(c.environmentAttributeName()).isEqualTo("env");
    assertThat(c.environmentDefaultValues()).containsExactly("a", "b");
  }

  @Test
  void readsTheCreatedId() {
    assertThat(
            OmniResponses.createdId(OmniJson.parseOrNull(ClientFixtures.read("create-201.json"))))
        .isEqualTo(PROD_ID);
    assertThat(OmniResponses.createdId(OmniJson.parseOrNull("{\"data\": {\"id\": \"y\"}}")))
        .isEqualTo("y");
    assertThat(OmniResponses.createdId(OmniJson.parseOrNull("{\"success\": true}"))).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "patch-200-role-and-attribute.json, Updated connection default role and user attribute"
        + " settings.",
    "patch-200-environment.json, Updated environment user attribute settings.",
    "patch-200-role.json, Updated connection default role.",
    "patch-200-credentials.json, Updated connection credentials.",
    "patch-200-no-updates.json, No updates were made to the connection."
  })
  void readsEachPatchMessage(String fixture, String message) {
    assertThat(OmniResponses.message(OmniJson.parseOrNull(ClientFixtures.read(fixture))))
        .isEqualTo(message);
  }
}
