package dev.gitops.omni.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders charts/omni-operator with helm-java (Helm's own template engine and values-schema check,
 * in-process) and parses the result into one JSON tree per object.
 */
public final class ChartRenderer {
  static final Path CHART = Path.of("charts/omni-operator");
  static final String RELEASE = "omni-operator";
  static final String NAMESPACE = "omni-operator";
  static final YAMLMapper YAML = new YAMLMapper();

  private ChartRenderer() {}

  /** The chart with its default values. */
  static List<JsonNode> render() {
    return render(Map.of(), null);
  }

  /** The chart with {@code --set key=value} for each entry. */
  static List<JsonNode> render(Map<String, Object> sets) {
    return render(sets, null);
  }

  /** The chart with a values file holding {@code valuesYaml}. */
  static List<JsonNode> renderWithValues(String valuesYaml) {
    return render(Map.of(), valuesYaml);
  }

  /** The raw text Helm renders. */
  public static String template(Map<String, Object> sets, String valuesYaml) {
    return template(sets, valuesYaml, KUBE_VERSION);
  }

  /**
   * The Kubernetes version templates render for: the release the e2e suite runs (Helm's own
   * default, 1.20, is older than the chart's kubeVersion).
   */
  static final String KUBE_VERSION = "v" + dev.gitops.omni.e2e.KubeBinaries.version();

  static String template(Map<String, Object> sets, String valuesYaml, String kubeVersion) {
    return template(RELEASE, sets, valuesYaml, kubeVersion);
  }

  /** The chart installed under another release name. */
  static List<JsonNode> renderRelease(String release, Map<String, Object> sets) {
    return parseAll(template(release, sets, null, KUBE_VERSION));
  }

  private static String template(
      String release, Map<String, Object> sets, String valuesYaml, String kubeVersion) {
    TemplateCommand t =
        new Helm(CHART)
            .template()
            .withName(release)
            .withNamespace(NAMESPACE)
            .withKubeVersion(kubeVersion);
    Path file = null;
    try {
      if (valuesYaml != null) {
        file = Files.createTempFile("values-", ".yaml");
        Files.writeString(file, valuesYaml);
        t = t.withValuesFile(file);
      }
      for (var e : sets.entrySet()) {
        t = t.set(e.getKey(), e.getValue());
      }
      return t.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  private static List<JsonNode> render(Map<String, Object> sets, String valuesYaml) {
    return parseAll(template(sets, valuesYaml));
  }

  /** Every non-empty document of a multi-document YAML text. */
  static List<JsonNode> parseAll(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && !doc.isEmpty()) {
          out.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<JsonNode> parseAll(Path file) {
    try {
      return parseAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
    return ofKind(objects, kind).stream()
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst();
  }

  static JsonNode one(List<JsonNode> objects, String kind) {
    List<JsonNode> found = ofKind(objects, kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  /** kind/namespace/name, the identity of an object in a cluster. */
  static String key(JsonNode o) {
    JsonNode m = o.path("metadata");
    return o.path("kind").asText()
        + "/"
        + m.path("namespace").asText("")
        + "/"
        + m.path("name").asText();
  }

  static JsonNode container(List<JsonNode> objects) {
    return one(objects, "Deployment").at("/spec/template/spec/containers/0");
  }

  /** The operator container's environment as name → value (valueFrom entries as their JSON). */
  static Map<String, String> env(List<JsonNode> objects) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (JsonNode e : container(objects).path("env")) {
      env.put(
          e.path("name").asText(),
          e.has("value") ? e.path("value").asText() : e.path("valueFrom").toString());
    }
    return env;
  }

  /**
   * The same tree with every number as its plain decimal value, so that 1, 1.0 and 1e0 (which YAML
   * writers choose freely) compare equal.
   */
  static JsonNode normalized(JsonNode node) {
    if (node.isNumber()) {
      return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
          node.decimalValue().stripTrailingZeros());
    }
    if (node.isObject()) {
      ObjectNode out = YAML.createObjectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), normalized(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      var out = YAML.createArrayNode();
      node.forEach(item -> out.add(normalized(item)));
      return out;
    }
    return node;
  }

  static ObjectNode copy(JsonNode o) {
    return (ObjectNode) o.deepCopy();
  }

  /** The kinds among {@code objects}. */
  static Set<String> kinds(List<JsonNode> objects) {
    Set<String> out = new TreeSet<>();
    objects.forEach(o -> out.add(o.path("kind").asText()));
    return out;
  }
}
