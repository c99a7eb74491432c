package dev.gitops.omni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server's audit log (one JSON event per line, level Metadata): who did what, answered how.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /**
   * One request as the API server answered it (stage ResponseComplete); {@code authorization} is
   * the RBAC decision the server annotated ({@code allow}, {@code forbid}).
   */
  public record Entry(
      String user,
      String verb,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      String userAgent,
      String uri,
      String authorization) {
    /** Refused by RBAC, as opposed to a 403 from admission (e.g. a terminating namespace). */
    public boolean deniedByRbac() {
      return code == 403 && "forbid".equals(authorization);
    }

    public boolean write() {
      return switch (verb) {
        case "create", "update", "patch", "delete", "deletecollection" -> true;
        default -> false;
      };
    }
  }

  /** Every completed request so far. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    try {
      if (!Files.exists(file)) {
        return out;
      }
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode e = JSON.readTree(line);
        if (!"ResponseComplete".equals(e.path("stage").asText())) {
          continue;
        }
        JsonNode ref = e.path("objectRef");
        out.add(
            new Entry(
                e.path("user").path("username").asText(),
                e.path("verb").asText(),
                ref.path("resource").asText(null),
                ref.path("subresource").asText(null),
                ref.path("namespace").asText(null),
                ref.path("name").asText(null),
                e.path("responseStatus").path("code").asInt(),
                e.path("userAgent").asText(),
                e.path("requestURI").asText(),
                e.path("annotations").path("authorization.k8s.io/decision").asText("")));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out;
  }

  /** The requests one user made. */
  public List<Entry> by(String user) {
    return entries().stream().filter(e -> e.user().equals(user)).toList();
  }
}
