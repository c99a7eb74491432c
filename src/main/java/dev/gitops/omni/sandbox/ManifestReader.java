package dev.gitops.omni.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.gitops.omni.model.ClusterOmniInstance;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniInstance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads Kubernetes manifests the way {@code kubectl apply -f} takes them: files or directories
 * (walked for {@code *.yaml} and {@code *.yml}), each file one or more YAML documents. It keeps
 * OmniConnections, OmniInstances, ClusterOmniInstances, Secrets and Namespaces, reports other kinds
 * as skipped, and reads strictly: an unknown field, a wrong type or a missing required field is an
 * error naming the file, the document and the field.
 */
public final class ManifestReader {
  private ManifestReader() {}

  /** What was read: the resources in file order, and the documents that were skipped. */
  public record Result(List<Manifest> manifests, List<String> skipped) {
    public List<Manifest> ofKind(String kind) {
      return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
    }
  }

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "OmniConnection", OmniConnection.class,
          "OmniInstance", OmniInstance.class,
          "ClusterOmniInstance", ClusterOmniInstance.class,
          "Secret", Secret.class,
          "Namespace", Namespace.class);

  private static final String OURS = OmniConnection.GROUP + "/" + OmniConnection.VERSION;

  private static final Map<String, String> API_VERSIONS =
      Map.of(
          "OmniConnection", OURS,
          "OmniInstance", OURS,
          "ClusterOmniInstance", OURS,
          "Secret", "v1",
          "Namespace", "v1");

  /** Kinds without a namespace: kubectl ignores one given in their metadata. */
  private static final java.util.Set<String> CLUSTER_SCOPED =
      java.util.Set.of("Namespace", "ClusterOmniInstance");

  public static Result read(List<Path> paths) {
    return read(paths, "default");
  }

  /**
   * Reads {@code paths}; a namespaced resource that names no namespace gets {@code
   * defaultNamespace}, as kubectl gives it its context's (or kustomize its {@code namespace:}).
   */
  public static Result read(List<Path> paths, String defaultNamespace) {
    List<Manifest> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : files(paths)) {
      readFile(file, out, skipped, defaultNamespace);
    }
    checkUnique(out);
    return new Result(List.copyOf(out), List.copyOf(skipped));
  }

  /** The manifest files the paths stand for, in a stable order. Missing paths are an error. */
  public static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(ManifestReader::isYaml)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new ManifestException("cannot list " + p + ": " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new ManifestException(p + ": no such file or directory");
      }
    }
    return files;
  }

  static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static void readFile(
      Path file, List<Manifest> out, List<String> skipped, String defaultNamespace) {
    int index = 0;
    try (MappingIterator<JsonNode> docs =
        StrictYaml.MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        index++;
        if (doc == null
            || doc.isNull()
            || doc.isMissingNode()
            || (doc.isContainerNode() && doc.isEmpty())) {
          continue;
        }
        Manifest m = toManifest(file, index, doc, skipped, defaultNamespace);
        if (m != null) {
          out.add(m);
        }
      }
    } catch (JsonProcessingException e) {
      throw new ManifestException(file + ": " + yamlProblem(e));
    } catch (IOException e) {
      throw new ManifestException("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof ManifestException) {
        throw e;
      }
      // Jackson wraps syntax errors met while iterating in unchecked exceptions
      if (e.getCause() instanceof JsonProcessingException j) {
        throw new ManifestException(file + ": " + yamlProblem(j));
      }
      throw new ManifestException(file + ", document " + (index + 1) + ": cannot be read");
    }
  }

  /**
   * Where and what, without the parser's snippet of the line: that line may hold a secret. The
   * exception is not kept as a cause for the same reason.
   */
  static String yamlProblem(JsonProcessingException e) {
    String problem =
        e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null
            ? m.getProblem()
            : e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                // a key, never a value: kubectl refuses a mapping that repeats one
                ? e.getOriginalMessage().replace("Duplicate field", "the key") + " appears twice"
                : "syntax error";
    var at = e.getLocation();
    return "not valid YAML"
        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
        + ": "
        + problem;
  }

  private static Manifest toManifest(
      Path file, int index, JsonNode doc, List<String> skipped, String defaultNamespace) {
    String where = file + ", document " + index;
    if (!doc.isObject()) {
      throw new ManifestException(where + ": expected a Kubernetes resource (a mapping)");
    }
    String kind = doc.path("kind").asText("");
    String apiVersion = doc.path("apiVersion").asText("");
    if (kind.isEmpty() || apiVersion.isEmpty()) {
      throw new ManifestException(where + ": apiVersion and kind are required");
    }
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null && apiVersion.startsWith(OmniConnection.GROUP + "/")) {
      // our own API group: a misspelt kind would be refused by the API server, not skipped
      throw new ManifestException(
          where
              + ": "
              + apiVersion
              + " has no kind "
              + kind
              + ": the kinds are OmniConnection, OmniInstance and ClusterOmniInstance");
    }
    if (type == null) {
      skipped.add(
          where + ": " + kind + " " + doc.at("/metadata/name").asText("") + " (not applied)");
      return null;
    }
    if (!API_VERSIONS.get(kind).equals(apiVersion)) {
      throw new ManifestException(
          where
              + ": "
              + kind
              + " must have apiVersion "
              + API_VERSIONS.get(kind)
              + ", not "
              + apiVersion);
    }
    String name = doc.at("/metadata/name").asText("");
    String label = where + " (" + kind + (name.isEmpty() ? "" : " " + name) + ")";
    if (name.isEmpty()) {
      throw new ManifestException(label + ": metadata.name is required");
    }
    ApiServerChecks.check(kind, doc, label);
    HasMetadata resource = StrictYaml.convert(doc, type, label);
    if (CLUSTER_SCOPED.contains(kind)) {
      resource.getMetadata().setNamespace(null);
    } else if (resource.getMetadata().getNamespace() == null) {
      resource.getMetadata().setNamespace(defaultNamespace);
    }
    InstanceChecks.check(resource, label);
    return new Manifest(file, index, resource);
  }

  private static void checkUnique(List<Manifest> manifests) {
    Map<String, Manifest> seen = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      Manifest before = seen.putIfAbsent(m.key(), m);
      if (before != null) {
        throw new ManifestException(
            m.key() + " is defined twice: " + before.origin() + " and " + m.origin());
      }
    }
  }
}
