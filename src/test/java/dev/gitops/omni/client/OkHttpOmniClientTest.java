package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.SecretValue;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What goes on the wire, and how success answers come back, against a mock Omni; PATCH is in {@link
 * OkHttpOmniClientPatchTest}.
 */
class OkHttpOmniClientTest {

  private static final String ID = "c0f12353-4817-4398-bcc0-d501e6dd2f64";

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpOmniClient client = omni.client("v1");

  @ParameterizedTest
  @ValueSource(strings = {"v1", "unstable"})
  void createPostsSettingsAndSecretsAsOneJsonObject(String prefix) {
    OkHttpOmniClient c = omni.client(prefix);
    omni.answer(201, "create-201.json");
    Map<String, Object> settings = new java.util.LinkedHashMap<>();
    settings.put("dialect", "bigquery");
    settings.put("name", "My BigQuery Connection");
    settings.put("region", "us");
    settings.put("port", 5432);
    settings.put("useMachineAuth", false);
    settings.put("warehouse", null);
    settings.put(
        "environmentUserAttribute",
        Map.of("attributeName", "environment", "defaultValues", List.of("prod")));

    String id =
        c.create(
            Requests.create(
                settings, Map.of("passwordUnencrypted", SecretValue.of("{\"type\":\"sa\"}"))));

    RecordedRequest request = omni.take();
    assertThat(id).isEqualTo(ID);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/" + prefix + "/connections");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(ClientFixtures.body(request))
        .isEqualTo(
            ClientFixtures.json(
                "{\"dialect\": \"bigquery\", \"name\": \"My BigQuery Connection\","
                    + " \"region\": \"us\", \"port\": 5432, \"useMachineAuth\": false,"
                    + " \"environmentUserAttribute\": {\"attributeName\": \"environment\","
                    + " \"defaultValues\": [\"prod\"]},"
                    + " \"passwordUnencrypted\": \"{\\\"type\\\":\\\"sa\\\"}\"}"));
    c.close();
  }

  @Test
  void everyRequestCarriesTheTokenAndUserAgent() {
    omni.answer(200, "list-connections.json");

    client.list(ListFilter.ALL);

    RecordedRequest request = omni.take();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockOmni.TOKEN);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("omni-operator/dev");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Content-Type")).isNull();
  }

  @Test
  void listSendsOnlyTheFilterValuesThatAreSet() {
    omni.answer(200, "list-connections.json");
    omni.answer(200, "list-connections.json");
    omni.answer(200, "list-connections.json");

    client.list(new ListFilter("Prod DB", null, "postgres,mssql", "name", "asc", false));
    client.list(ListFilter.ALL_INCLUDING_DELETED);
    client.list(null);

    assertThat(omni.take().getTarget())
        .isEqualTo(
            "/api/v1/connections?name=Prod%20DB&dialect=postgres%2Cmssql&sortField=name&sortDirection=asc");
    assertThat(omni.take().getTarget()).isEqualTo("/api/v1/connections?includeDeleted=true");
    RecordedRequest plain = omni.take();
    assertThat(plain.getMethod()).isEqualTo("GET");
    assertThat(plain.getTarget()).isEqualTo("/api/v1/connections");
    assertThat(plain.getBodySize()).isZero();
  }

  @Test
  void listOnTheBetaPrefixUsesItsPath() {
    OkHttpOmniClient beta = omni.client("unstable");
    omni.answer(200, "list-records.json");

    List<ObservedConnection> all = beta.list(new ListFilter(null, "prod", null, null, null, false));

    assertThat(omni.take().getTarget()).isEqualTo("/api/unstable/connections?database=prod");
    assertThat(all).extracting(ObservedConnection::id).containsExactly(ID);
    beta.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "list-connections.json",
        "list-records.json",
        "list-string-default-values.json",
        "list-sqlserver.json",
        "list-extra-fields.json"
      })
  void listReadsEachKnownShape(String fixture) {
    omni.answer(200, fixture);

    List<ObservedConnection> all = client.list(ListFilter.ALL);

    assertThat(all).isNotEmpty().allSatisfy(c -> assertThat(c.id()).isNotBlank());
    assertThat(all).extracting(ObservedConnection::dialect).doesNotContain("sqlserver");
  }

  @Test
  void getReadsTheWrappedConnection() {
    omni.answer(200, "get-one.json");

    ObservedConnection c = client.get(ID);

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/v1/connections/" + ID);
    assertThat(c.id()).isEqualTo(ID);
    assertThat(c.name()).isEqualTo("Production Database");
    assertThat(c.environmentDefaultValues()).containsExactly("prod");
  }

  @Test
  void deleteSendsADeleteAndAcceptsAny2xx() {
    omni.answer(new MockResponse.Builder().code(204).build());
    omni.answer(200, "patch-200-no-updates.json");

    client.delete(ID);
    client.delete(ID);

    RecordedRequest request = omni.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/v1/connections/" + ID);
    assertThat(omni.take().getMethod()).isEqualTo("DELETE");
  }

  @Test
  void theBetaPrefixHasNoGetOrDelete() {
    OkHttpOmniClient beta = omni.client("unstable");

    assertThat(beta.supportsDelete()).isFalse();
    assertThat(client.supportsDelete()).isTrue();
    assertThatThrownBy(() -> beta.get(ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("beta API")
        .hasMessageContaining("supportsDelete()");
    assertThatThrownBy(() -> beta.delete(ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DELETE");
    assertThat(omni.server.getRequestCount()).isZero();
    beta.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "..", ".", "a/b", "x?y=1", "id#frag"})
  void refusesIdsThatWouldLeaveTheConnectionPath(String id) {
    assertThatThrownBy(() -> client.get(id)).isInstanceOf(IllegalArgumentException.class);
    assertThat(omni.server.getRequestCount()).isZero();
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() {
    OmniClientConfig config = omni.config("v1");
    OkHttpOmniClient proxied =
        new OkHttpOmniClient(
            new OmniClientConfig(
                omni.server.url("/omni/").toString(), "v1", config.token(), null, null, null));
    omni.answer(200, "list-connections.json");

    proxied.list(ListFilter.ALL);

    assertThat(omni.take().getTarget()).isEqualTo("/omni/api/v1/connections");
    proxied.close();
  }
}
