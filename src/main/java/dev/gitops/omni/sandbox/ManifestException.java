package dev.gitops.omni.sandbox;

/** A manifest that cannot be read: the message names the file, the document and the field. */
public class ManifestException extends RuntimeException {
  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
