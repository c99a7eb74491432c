package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;

/**
 * One resource read from a manifest file.
 *
 * @param file the file it came from
 * @param document its 1-based position among the file's YAML documents
 * @param resource the parsed resource, its namespace filled in ({@code default} when absent)
 */
public record Manifest(Path file, int document, HasMetadata resource) {

  public String kind() {
    return resource.getKind();
  }

  public String namespace() {
    return resource.getMetadata().getNamespace();
  }

  public String name() {
    return resource.getMetadata().getName();
  }

  /**
   * {@code Kind namespace/name} ({@code Kind name} for a cluster-scoped one, a Namespace), unique
   * among the resources the sandbox applies.
   */
  public String key() {
    return kind() + " " + (namespace() == null ? "" : namespace() + "/") + name();
  }

  /** Where it came from, for messages: {@code file, document N}. */
  public String origin() {
    return file + ", document " + document;
  }
}
