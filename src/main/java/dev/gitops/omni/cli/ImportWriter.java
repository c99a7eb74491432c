package dev.gitops.omni.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.model.InstanceRef;
import dev.gitops.omni.model.OmniConnection;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one OmniConnection manifest per Omni connection, bound to it by spec.connectionId and
 * holding every setting Omni's list returns, so that {@code plan} on the output finds nothing to
 * change. What the list never returns (credentials, host, warehouse...) is a clearly named
 * placeholder or left out, and a comment says so. Schedules and the environment link come from
 * {@link ImportNeighbours}.
 */
final class ImportWriter {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private final Slugs slugs = new Slugs();
  private final Map<String, String> names = new HashMap<>();
  private final String namespace;
  private final InstanceRef instanceRef;

  /**
   * @param instanceRef the instance the connections were read through, or null for --omni-url
   */
  ImportWriter(String namespace, InstanceRef instanceRef) {
    this.namespace = namespace;
    this.instanceRef = instanceRef;
  }

  /** The metadata.name of {@code c}'s manifest: the first call gives it, in the run's order. */
  String name(ObservedConnection c) {
    return names.computeIfAbsent(c.id(), id -> slugs.of(c.name(), id));
  }

  void write(PrintWriter out, ObservedConnection c, Dialect dialect, ImportNeighbours.Extras more) {
    String slug = name(c);
    String secret = slug + "-credentials";
    out.println("---");
    out.println("# Omni connection \"" + c.name() + "\" (" + dialect.wire() + "), id " + c.id());
    out.println("# Before applying, create the Secret it reads its " + what(dialect) + " from:");
    out.println(
        "#   kubectl"
            + (namespace == null ? "" : " -n " + namespace)
            + " create secret generic "
            + secret
            + " "
            + fromHint(dialect));
    out.println(
        "# Omni's API never returns credentials, host, port, username, warehouse or schema lists;");
    out.println(
        "# add them only if they match Omni: a later change needs a new connection (replacementPolicy).");
    more.comments().forEach(line -> out.println("# " + line));
    try {
      out.print(YAML.writeValueAsString(resource(c, dialect, slug, secret, more)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  private ObjectNode resource(
      ObservedConnection c,
      Dialect dialect,
      String slug,
      String secret,
      ImportNeighbours.Extras more) {
    ObjectNode r = YAML.createObjectNode();
    r.put("apiVersion", OmniConnection.GROUP + "/" + OmniConnection.VERSION);
    r.put("kind", "OmniConnection");
    ObjectNode meta = r.putObject("metadata");
    meta.put("name", slug);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    ObjectNode spec = r.putObject("spec");
    if (instanceRef != null) {
      ObjectNode ref = spec.putObject("instanceRef");
      ref.put("kind", instanceRef.kindOrDefault().name());
      ref.put("name", instanceRef.name);
    }
    spec.put("dialect", dialect.wire());
    if (!slug.equals(c.name())) {
      spec.put("name", c.name());
    }
    spec.put("connectionId", c.id());
    putIfSet(spec, "database", c.database());
    putIfSet(spec, "defaultSchema", c.defaultSchema());
    if (dialect == Dialect.mssql && c.defaultSchema() == null) {
      spec.put("defaultSchema", Placeholders.of("the default schema, required for MSSQL"));
    }
    if (dialect == Dialect.snowflake || dialect == Dialect.databricks) {
      spec.put(
          "warehouse",
          Placeholders.of(
              dialect == Dialect.snowflake
                  ? "the Snowflake warehouse"
                  : "the SQL warehouse HTTP path"));
    }
    if (dialect == Dialect.oracle) {
      spec.put("acceptsLicense", true);
    }
    putIfSet(spec, "baseRole", c.baseRole());
    if (c.environmentAttributeName() != null && !c.environmentAttributeName().isBlank()) {
      ObjectNode env = spec.putObject("environmentUserAttribute");
      env.put("attributeName", c.environmentAttributeName());
      var values = env.putArray("defaultValues");
      c.environmentDefaultValues().forEach(values::add);
    }
    if (more.schedules() != null) {
      var schedules = spec.putArray("schemaRefreshSchedules");
      more.schedules()
          .forEach(
              s ->
                  schedules
                      .addObject()
                      .put("schedule", s.schedule())
                      .put("timezone", s.timezone()));
    }
    if (more.environmentOf() != null) {
      ObjectNode env = spec.putObject("environmentOf");
      env.put("name", more.environmentOf().name);
      var values = env.putArray("userAttributeValues");
      more.environmentOf().userAttributeValues.forEach(values::add);
    }
    ObjectNode ref = spec.putObject("passwordSecretRef");
    ref.put("name", secret);
    ref.put("key", "password");
    return r;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  private static String what(Dialect d) {
    return switch (d) {
      case bigquery -> "service-account JSON key";
      case motherduck -> "MotherDuck token";
      default -> "password";
    };
  }

  private static String fromHint(Dialect d) {
    return d == Dialect.bigquery
        ? "--from-file=password=service-account.json"
        : "--from-literal=password='...'";
  }
}
