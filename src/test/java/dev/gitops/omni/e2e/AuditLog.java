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
        JsonNode e;
        try {
          e = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException halfWritten) {
          continue; // the server is still writing the last line
        }
        if (!"ResponseComplete".equals(e.path("stage").asText())) {
          continue;
        }
        out.add(entry(e));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out;
  }

  private static Entry entry(JsonNode e) {
    JsonNode ref = e.path("objectRef");
    return new Entry(
        e.path("user").path("username").asText(),
        e.path("verb").asText(),
        ref.path("resource").asText(null),
        ref.path("subresource").asText(null),
        ref.path("namespace").asText(null),
        ref.path("name").asText(null),
        e.path("responseStatus").path("code").asInt(),
        e.path("userAgent").asText(),
        e.path("requestURI").asText(),
        e.path("annotations").path("authorization.k8s.io/decision").asText(""));
  }

  /**
   * One audit event of any stage: its id (shared by a request's stages), its stage ({@code
   * ResponseStarted} for a watch as it opens, {@code ResponseComplete}, {@code Panic}) and when the
   * API server received the request.
   */
  public record Event(String auditId, String stage, java.time.Instant received, Entry entry) {}

  /** The log's length in bytes now: a mark to read only what comes after it. */
  public long mark() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * Streams every event from byte {@code from} on (a {@link #mark()}), one line at a time, so a log
   * of many thousands of requests is never held in memory at once.
   */
  public void forEach(long from, java.util.function.Consumer<Event> action) {
    if (!Files.exists(file)) {
      return;
    }
    try (var in = Files.newInputStream(file)) {
      long start = Math.min(from, Files.size(file));
      boolean midLine = false;
      if (start > 0) {
        in.skipNBytes(start - 1);
        midLine = in.read() != '\n';
      }
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      if (midLine) {
        reader.readLine(); // the rest of a line that began before the mark
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || !line.endsWith("}")) {
          continue; // blank, or the last line still being written
        }
        JsonNode e;
        try {
          e = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException partial) {
          continue;
        }
        String received = e.path("requestReceivedTimestamp").asText(null);
        action.accept(
            new Event(
                e.path("auditID").asText(),
                e.path("stage").asText(),
                received == null ? null : java.time.Instant.parse(received),
                entry(e)));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The requests one user made. */
  public List<Entry> by(String user) {
    return entries().stream().filter(e -> e.user().equals(user)).toList();
  }
}
