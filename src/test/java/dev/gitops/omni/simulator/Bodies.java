package dev.gitops.omni.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid create bodies per dialect and patch bodies, as mutable maps a test can bend. */
final class Bodies {
  static final String SECRET = "s3cr3t-Pa55w0rd-never-logged";

  private Bodies() {}

  static Map<String, Object> postgres(String name) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("dialect", "postgres");
    b.put("name", name);
    b.put("host", "db.internal");
    b.put("port", 5432);
    b.put("database", "prod_db");
    b.put("username", "omni");
    b.put("passwordUnencrypted", SECRET);
    return b;
  }

  static Map<String, Object> snowflake(String name) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("dialect", "snowflake");
    b.put("name", name);
    b.put("host", "myorg-account");
    b.put("warehouse", "COMPUTE_WH");
    b.put("database", "ANALYTICS");
    b.put("username", "OMNI");
    b.put("passwordUnencrypted", SECRET);
    return b;
  }

  static Map<String, Object> bigquery(String name) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("dialect", "bigquery");
    b.put("name", name);
    b.put("database", "my-project");
    b.put("passwordUnencrypted", serviceAccount("my-project"));
    return b;
  }

  static String serviceAccount(String project) {
    Map<String, Object> sa = new LinkedHashMap<>();
    sa.put("type", "service_account");
    sa.put("project_id", project);
    sa.put("private_key_id", "abc123");
    sa.put("private_key", "-----BEGIN PRIVATE KEY-----\\nMIIE" + SECRET + "\\n-----END");
    sa.put("client_email", "omni@" + project + ".iam.gserviceaccount.com");
    sa.put("client_id", "1234567890");
    sa.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    sa.put("token_uri", "https://oauth2.googleapis.com/token");
    sa.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    sa.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/omni");
    try {
      return SimClient.JSON.writeValueAsString(sa);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
    Map<String, Object> b = new LinkedHashMap<>(body);
    b.put(key, value);
    return b;
  }

  static Map<String, Object> without(Map<String, Object> body, String key) {
    Map<String, Object> b = new LinkedHashMap<>(body);
    b.remove(key);
    return b;
  }

  /** A patch that sets the environment user attribute. */
  static Map<String, Object> environmentPatch(String name, String... values) {
    Map<String, Object> attr = new LinkedHashMap<>();
    attr.put("attributeName", name);
    attr.put("defaultValues", List.of(values));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environmentUserAttribute", attr);
    return body;
  }

  /** A patch that removes the environment user attribute. */
  static Map<String, Object> environmentRemoval() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environmentUserAttribute", null);
    return body;
  }

  /** A schedule POST or PUT body. */
  static Map<String, Object> schedule(String cron, String timezone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schedule", cron);
    body.put("timezone", timezone);
    return body;
  }

  /** A connection-environments POST body, the ids as one comma-separated string. */
  static Map<String, Object> link(String baseId, String... environmentIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("baseConnectionId", baseId);
    body.put("environmentConnectionIds", String.join(",", environmentIds));
    return body;
  }
}
