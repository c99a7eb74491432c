package dev.gitops.omni.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed CRD as test data: its openAPIV3Schema and its spec-level CEL rules compiled with
 * dev.cel, so tests can judge sample specs the way the API server would (minus the Kubernetes-only
 * CEL functions, which these rules do not use).
 */
final class CrdFixture {
  static final ObjectMapper YAML = new YAMLMapper();

  static final Path CRD_FILE =
      Path.of(
          System.getProperty("project.basedir", "."),
          "crds",
          "omniconnections.omni.gitops.dev-v1.yml");

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.strings())
          // self is the spec object; its fields are known only at run time, as in the CRD
          .addVar("self", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().addLibraries(CelExtensions.strings()).build();

  /** One x-kubernetes-validations entry, compiled. */
  record CelRule(String rule, String message, CelRuntime.Program program) {
    /** True when the rule holds for this spec (plain maps, lists, Long, Double, Boolean). */
    boolean holds(Map<String, Object> self) {
      Object result;
      try {
        result = program.eval(Map.of("self", self));
      } catch (CelEvaluationException e) {
        throw new AssertionError("CEL rule '" + rule + "' failed to evaluate on " + self, e);
      }
      if (!(result instanceof Boolean b)) {
        throw new AssertionError("CEL rule '" + rule + "' returned " + result + ", not a bool");
      }
      return b;
    }
  }

  private CrdFixture() {}

  static JsonNode crd() {
    return crd(CRD_FILE);
  }

  /** The committed CRD of {@code kind} (OmniConnection, OmniInstance, ClusterOmniInstance). */
  static Path crdFile(String kind) {
    return CRD_FILE.resolveSibling(
        kind.toLowerCase(java.util.Locale.ROOT) + "s." + OmniConnection.GROUP + "-v1.yml");
  }

  static JsonNode crd(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the only served version. */
  static JsonNode openApiSchema() {
    return openApiSchema(crd());
  }

  static JsonNode openApiSchema(JsonNode crd) {
    JsonNode versions = crd.path("spec").path("versions");
    if (versions.size() != 1) {
      throw new AssertionError("expected exactly one CRD version, found " + versions.size());
    }
    JsonNode schema = versions.get(0).path("schema").path("openAPIV3Schema");
    if (!schema.isObject()) {
      throw new AssertionError("CRD version has no openAPIV3Schema");
    }
    return schema;
  }

  /**
   * The openAPIV3Schema as a JSON Schema (draft 4, the closest dialect to Kubernetes' OpenAPI v3
   * subset). Kubernetes extensions such as x-kubernetes-validations are unknown keywords to it and
   * ignored.
   */
  static Schema jsonSchema() {
    return jsonSchema(openApiSchema());
  }

  static Schema jsonSchema(JsonNode openApiSchema) {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApiSchema);
  }

  /** The schema errors of one whole custom resource, as readable strings. */
  static List<String> schemaErrors(Schema schema, JsonNode resource) {
    return schema.validate(resource).stream().map(Error::toString).toList();
  }

  /**
   * The fields the schema errors are about, as JSON pointers: the instance location, plus the
   * missing property for a {@code required} error (so a missing dialect is /spec/dialect).
   */
  static List<String> schemaErrorFields(Schema schema, JsonNode resource) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(resource)) {
      String at = e.getInstanceLocation().toString();
      out.add("required".equals(e.getKeyword()) ? at + "/" + e.getProperty() : at);
    }
    return out;
  }

  /** Every x-kubernetes-validations rule on spec, compiled, in CRD order. */
  static List<CelRule> specRules() {
    return specRules(openApiSchema());
  }

  static List<CelRule> specRules(JsonNode openApiSchema) {
    JsonNode validations =
        openApiSchema.path("properties").path("spec").path("x-kubernetes-validations");
    List<CelRule> rules = new ArrayList<>();
    for (JsonNode v : validations) {
      String rule = v.path("rule").asText();
      String message = v.path("message").asText();
      rules.add(new CelRule(rule, message, compile(rule)));
    }
    return rules;
  }

  /** The messages of the rules this spec breaks, in CRD order. */
  static Set<String> celViolations(List<CelRule> rules, JsonNode spec) {
    Map<String, Object> self = celObject(spec);
    Set<String> broken = new LinkedHashSet<>();
    for (CelRule r : rules) {
      if (!r.holds(self)) {
        broken.add(r.message());
      }
    }
    return broken;
  }

  /** A rule found elsewhere in the schema (not on spec), compiled. */
  static CelRule compileRule(String rule, String message) {
    return new CelRule(rule, message, compile(rule));
  }

  private static CelRuntime.Program compile(String rule) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
      return RUNTIME.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError("CEL rule does not compile: " + rule, e);
    }
  }

  /**
   * Property names CEL reserves: the API server offers them to rules as {@code __name__} (so a rule
   * says {@code self.tokenSecretRef.__namespace__}).
   */
  private static final Set<String> CEL_RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  /**
   * The spec as the plain values dev.cel takes. Null fields are dropped, as the API server prunes
   * nulls of non-nullable fields before validating, so {@code has(self.x)} is false for them too;
   * reserved names are escaped as the API server escapes them.
   */
  static Map<String, Object> celObject(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected an object, got " + node);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isNull()) {
                String name =
                    CEL_RESERVED.contains(e.getKey()) ? "__" + e.getKey() + "__" : e.getKey();
                out.put(name, celValue(e.getValue()));
              }
            });
    return out;
  }

  private static Object celValue(JsonNode node) {
    if (node.isObject()) {
      return celObject(node);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(celValue(n)));
      return out;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    throw new IllegalArgumentException("no CEL value for " + node.getNodeType() + ": " + node);
  }

  /** An OmniConnection sample/analytics whose body (spec:, status:) is {@code yaml}. */
  static JsonNode sampleResource(String yaml) throws IOException {
    return YAML.readTree(
        """
        apiVersion: omni.gitops.dev/v1alpha1
        kind: OmniConnection
        metadata:
          name: sample
          namespace: analytics
        """
            + yaml);
  }
}
