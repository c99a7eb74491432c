package dev.gitops.omni.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices when manifest files change, appear or disappear, by comparing a digest of each file's
 * content between polls. Cheap for the few small files of a sandbox, and independent of file system
 * event support and timestamp resolution.
 */
public final class FileWatcher {
  private final List<Path> roots;
  private Map<Path, String> last;

  public FileWatcher(List<Path> roots) {
    this.roots = List.copyOf(roots);
    this.last = snapshot();
  }

  /**
   * True when anything changed since the last call. Waits until two reads {@code settle} apart
   * agree, so a file caught half-written is not reported until its writer is done.
   */
  public boolean changed(long settleMillis) throws InterruptedException {
    Map<Path, String> now = snapshot();
    if (now.equals(last)) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      Thread.sleep(settleMillis);
      Map<Path, String> again = snapshot();
      if (again.equals(now)) {
        break;
      }
      now = again;
    }
    last = now;
    return true;
  }

  private Map<Path, String> snapshot() {
    Map<Path, String> out = new LinkedHashMap<>();
    List<Path> files;
    try {
      files = ManifestReader.files(roots.stream().filter(Files::exists).toList());
    } catch (ManifestException e) {
      return out;
    }
    for (Path f : files) {
      try {
        out.put(f, digest(Files.readAllBytes(f)));
      } catch (IOException e) {
        out.put(f, "unreadable");
      }
    }
    return out;
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
