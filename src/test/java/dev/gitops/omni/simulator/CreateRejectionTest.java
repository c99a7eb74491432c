package dev.gitops.omni.simulator;

import static dev.gitops.omni.simulator.Bodies.SECRET;
import static dev.gitops.omni.simulator.Bodies.with;
import static dev.gitops.omni.simulator.Bodies.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST {prefix}/connections}: every documented create error, both prefixes. */
class CreateRejectionTest {
  @RegisterExtension
  final SimulatorPerTest sim =
      new SimulatorPerTest(
          SimulatorOptions.builder().rateLimitPerMinute(0).customRoles("ANALYST").build());

  static Stream<Arguments> invalidCreates() {
    Map<String, Object> pg = Bodies.postgres("bad");
    Map<String, Object> sf = Bodies.snowflake("bad");
    return Stream.of(
        Arguments.of("not json", "{\"dialect\": ", "Bad Request: Invalid JSON"),
        Arguments.of("empty body", "", "Bad Request: Invalid JSON"),
        Arguments.of("array", "[1,2]", "Bad Request: Invalid JSON"),
        Arguments.of("no dialect", without(pg, "dialect"), "Bad Request: dialect: Required"),
        Arguments.of("unknown dialect", with(pg, "dialect", "db2"), "Invalid connection dialect"),
        Arguments.of(
            "mssql spelled sqlserver",
            with(pg, "dialect", "sqlserver"),
            "Invalid connection dialect"),
        Arguments.of("no name", without(pg, "name"), "Bad Request: name: Required"),
        Arguments.of("null name", with(pg, "name", null), "Bad Request: name: Required"),
        Arguments.of(
            "no password",
            without(pg, "passwordUnencrypted"),
            "Bad Request: passwordUnencrypted: Required"),
        Arguments.of(
            "snowflake without key or password",
            without(sf, "passwordUnencrypted"),
            "Bad Request: passwordUnencrypted: Required"),
        Arguments.of(
            "snowflake warehouse", without(sf, "warehouse"), "Bad Request: warehouse: Required"),
        Arguments.of(
            "snowflake host with domain",
            with(sf, "host", "myorg.snowflakecomputing.com"),
            "Bad Request: host: Please only include your Snowflake account identifier"),
        Arguments.of(
            "databricks warehouse",
            with(pg, "dialect", "databricks"),
            "Bad Request: warehouse: Required"),
        Arguments.of(
            "mssql defaultSchema",
            with(pg, "dialect", "mssql"),
            "Bad Request: defaultSchema: Required"),
        Arguments.of(
            "oracle licence missing",
            with(pg, "dialect", "oracle"),
            "Bad Request: acceptsLicense: Required"),
        Arguments.of(
            "oracle licence false",
            with(with(pg, "dialect", "oracle"), "acceptsLicense", false),
            "Bad Request: acceptsLicense: Invalid literal value, expected true"),
        Arguments.of(
            "bigquery password not JSON",
            with(Bodies.bigquery("bq"), "passwordUnencrypted", SECRET),
            "Bad Request: passwordUnencrypted: Invalid service account JSON"),
        Arguments.of(
            "bigquery not a service account",
            with(
                Bodies.bigquery("bq"),
                "passwordUnencrypted",
                Bodies.serviceAccount("p").replace("service_account", "authorized_user")),
            "Bad Request: passwordUnencrypted: Invalid service account JSON"),
        Arguments.of(
            "bigquery service account without client_email",
            with(
                Bodies.bigquery("bq"),
                "passwordUnencrypted",
                Bodies.serviceAccount("p").replace("client_email", "clientEmail")),
            "Bad Request: passwordUnencrypted: Invalid service account JSON"),
        Arguments.of(
            "maxBillingBytes not digits",
            with(Bodies.bigquery("bq"), "maxBillingBytes", "10GB"),
            "Bad Request: maxBillingBytes: Must contain only digits"),
        Arguments.of(
            "maxBillingBytes as number",
            with(Bodies.bigquery("bq"), "maxBillingBytes", 1000),
            "Bad Request: maxBillingBytes: Expected string, received number"),
        Arguments.of(
            "maxBillingBytes on postgres",
            with(pg, "maxBillingBytes", "1000"),
            "Bad Request: maxBillingBytes: Only supported for BigQuery connections"),
        Arguments.of(
            "unknown role",
            with(pg, "baseRole", "SUPERUSER"),
            "Bad Request: baseRole: Invalid enum value"),
        Arguments.of(
            "role in lower case",
            with(pg, "baseRole", "querier"),
            "Bad Request: baseRole: Invalid enum value"),
        Arguments.of(
            "timeout over 3600",
            with(pg, "queryTimeoutSeconds", 3601),
            "Bad Request: queryTimeoutSeconds: Number must be less than or equal to 3600"),
        Arguments.of(
            "port as string",
            with(pg, "port", "5432"),
            "Bad Request: port: Expected number, received string"),
        Arguments.of(
            "flag as string",
            with(pg, "trustServerCertificate", "yes"),
            "Bad Request: trustServerCertificate: Expected boolean, received string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreates")
  void invalidCreatesAreRejectedWithOmnisDetailOnBothPrefixes(
      String why, Object body, String detail) {
    for (String api : new String[] {"v1", "unstable"}) {
      SimClient.Resp r = new SimClient(sim.get(), api).send("POST", "", body);

      assertThat(r.status()).as(api).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).as(api).isEqualTo(detail);
      assertThat(r.json().get("status").asInt()).isEqualTo(400);
      assertThat(r.raw()).doesNotContain(SECRET);
    }
    assertThat(sim.get().connections()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
  void wrongMethodOnTheCollectionIsInvalidMethod(String method) {
    for (String api : new String[] {"v1", "unstable"}) {
      SimClient.Resp r = new SimClient(sim.get(), api).send(method, "", "{}");

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isEqualTo("Invalid method");
    }
  }
}
